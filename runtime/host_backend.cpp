#include "runtime/host_backend.h"

#include <poll.h>
#include <sys/eventfd.h>

#include <chrono>

#include "netdev/netdev_error.h"

namespace tcpdrill::runtime {
namespace {

// Deadlines of the netdev layer are steady_clock time points; HostClock is
// CLOCK_MONOTONIC too, so this is a unit change.
std::chrono::steady_clock::time_point as_time_point(int64_t clock_usecs) {
  return std::chrono::steady_clock::time_point(std::chrono::microseconds(clock_usecs));
}

}  // namespace

HostBackend::HostBackend() : namespace_(netdev::NetworkNamespace::enter()) {}

HostBackend::~HostBackend() {
  stop_sniffer();
  if (stamps_closer_.joinable()) stamps_closer_.join();
}

void HostBackend::bring_up(const HostBackendOptions& options, Clock& clock) {
  clock_ = &clock;
  netdev::HostNetworkConfig config;
  config.local = options.addresses.local;
  config.remote = options.addresses.remote;
  config.gateway = options.addresses.gateway;
  config.mtu = options.mtu;
  config.tun.tso_offload = options.tso_offload;
  config.tun.gso_writes = options.gso_writes;
  config.tun.transmit_stamps = options.transmit_stamps;
  config.anyip = options.anyip;
  network_.emplace(namespace_, config);
  if (options.capture_path) pcap_.emplace(*options.capture_path);
  tap_ = options.tap;

  stop_event_.reset(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!stop_event_.valid()) netdev::throw_errno("cannot create the sniffer's stop event");
  sniffer_ = std::thread([this] { sniff_loop(); });
}

void HostBackend::inject(std::span<const uint8_t> ip_packet, uint16_t gso_size) {
  const std::lock_guard lock(record_mutex_);
  const int64_t injected = clock_->now_usecs();
  if (gso_size != 0)
    network_->tun().write_gso_packet(ip_packet, gso_size);
  else
    network_->tun().write_packet(ip_packet);
  // The kernel has processed the packet by now: the tap samples the state it left.
  record(ast::Direction::Inbound, ip_packet, injected);
}

std::optional<SniffedPacket> HostBackend::sniff(int64_t deadline_usecs) {
  std::unique_lock lock(queue_mutex_);
  queue_changed_.wait_until(lock, as_time_point(deadline_usecs),
                            [&] { return !queue_.empty() || sniffer_error_; });
  if (!queue_.empty()) {
    SniffedPacket packet = std::move(queue_.front());
    queue_.pop_front();
    return packet;
  }
  if (sniffer_error_) std::rethrow_exception(sniffer_error_);
  return std::nullopt;
}

void HostBackend::sniff_loop() {
  netdev::TunDevice& tun = network_->tun();
  pollfd watched[2] = {{tun.fd(), POLLIN, 0}, {stop_event_.get(), POLLIN, 0}};
  try {
    for (;;) {
      if (poll(watched, 2, -1) < 0) {
        if (errno == EINTR) continue;
        netdev::throw_errno("cannot wait for packets from " + tun.name());
      }
      // A deadline in the past: take what is queued without waiting. Done before looking
      // at the stop event, so that the capture has what the kernel sent during teardown.
      while (std::optional<netdev::TunPacket> packet = tun.read_packet({})) {
        SniffedPacket sniffed{std::move(packet->bytes), std::nullopt, packet->timestamp_ns / 1000};
        if (packet->transmit_ns) sniffed.transmit_usecs = *packet->transmit_ns / 1000;
        {
          const std::lock_guard lock(record_mutex_);
          record(ast::Direction::Outbound, sniffed.bytes, sniffed.clock_usecs());
        }
        {
          std::lock_guard lock(queue_mutex_);
          queue_.push_back(std::move(sniffed));
        }
        queue_changed_.notify_one();
      }
      if (watched[1].revents != 0) return;
    }
  } catch (...) {
    std::lock_guard lock(queue_mutex_);
    sniffer_error_ = std::current_exception();
    queue_changed_.notify_one();
  }
}

void HostBackend::stop_sniffer() noexcept {
  if (!sniffer_.joinable()) return;
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = write(stop_event_.get(), &one, sizeof one);
  sniffer_.join();
  std::optional<netdev::TransmitStamps> stamps = network_->tun().release_transmit_stamps();
  if (!stamps) return;
  try {
    stamps_closer_ = std::thread([closing = std::move(stamps)] {});
  } catch (const std::system_error&) {
    // No thread to spare: the socket closes here, a few milliseconds later than it could.
  }
}

void HostBackend::record(ast::Direction direction, std::span<const uint8_t> packet,
                         int64_t clock_usecs) {
  if (pcap_) pcap_->write(packet, clock_->to_wall_usecs(clock_usecs) * 1000);
  if (tap_ != nullptr) tap_->on_packet(direction, packet, clock_usecs);
}

}  // namespace tcpdrill::runtime
