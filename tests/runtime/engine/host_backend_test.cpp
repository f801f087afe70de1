// The host backend against the real kernel and a real TUN device, in a forked child.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <gtest/gtest.h>
#include <thread>

#include "child_run.h"
#include "netdev/scratch_namespace.h"
#include "netdev/unique_fd.h"
#include "runtime/clock.h"
#include "runtime/host_backend.h"

namespace tcpdrill::runtime::test {
namespace {

constexpr auto kSnifferDelay = std::chrono::milliseconds(60);

bool is_udp(std::span<const uint8_t> packet) {
  return packet.size() >= 20 && packet[0] >> 4 == 4 && packet[9] == IPPROTO_UDP;
}

// Holds the sniffer up on the first datagram it reads, as a host that does not run the
// sniffer's thread for a while would; every later packet is read that much late.
class StallingTap final : public PacketTap {
 public:
  void on_packet(ast::Direction direction, std::span<const uint8_t> packet, int64_t) override {
    if (direction == ast::Direction::Outbound && is_udp(packet) && !stalled_) {
      stalled_ = true;
      std::this_thread::sleep_for(kSnifferDelay);
    }
  }

 private:
  bool stalled_ = false;
};

// A one-byte datagram to the run's remote address, out through tun0.
class DatagramSender {
 public:
  explicit DatagramSender(const LiveAddresses& addresses)
      : socket_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    to_.sin_family = AF_INET;
    to_.sin_port = htons(9);
    inet_pton(AF_INET, addresses.remote_text.c_str(), &to_.sin_addr);
  }
  void send() const {
    const char byte = 0;
    if (::sendto(socket_.get(), &byte, 1, 0, reinterpret_cast<const sockaddr*>(&to_), sizeof to_) != 1)
      throw std::runtime_error("sendto failed");
  }

 private:
  netdev::UniqueFd socket_;
  sockaddr_in to_ = {};
};

// The kernel sends two datagrams 10 ms apart while the sniffer is held up on the first:
// the second's time must be when the kernel sent it, not when the sniffer got to it.
TEST(HostBackendTest, ADelayedSnifferDoesNotShiftAnOutboundPacketsTime) {
  if (const auto reason = why_host_cannot_run()) GTEST_SKIP() << *reason;
  const netdev::ScratchOutcome outcome = netdev::run_in_scratch_namespace([](const netdev::NetworkNamespace&) {
    HostBackend backend;
    HostClock clock;
    StallingTap tap;
    HostBackendOptions options;
    options.addresses = resolve_live_addresses(RunConfig{});
    options.tap = &tap;
    backend.bring_up(options, clock);

    // The kernel turns packet stamping on from a work queue, a moment after bring_up.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const DatagramSender sender(options.addresses);
    sender.send();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const int64_t before = clock.now_usecs();
    sender.send();
    const int64_t after = clock.now_usecs();

    int64_t stamp = 0, read = 0;
    const int64_t deadline = clock.now_usecs() + 2'000'000;
    for (int udp_seen = 0; udp_seen < 2;) {
      const std::optional<SniffedPacket> packet = backend.sniff(deadline);
      if (!packet) throw std::runtime_error("the datagrams did not come");
      if (!is_udp(packet->bytes)) continue;
      ++udp_seen;
      stamp = packet->clock_usecs() - before;
      read = packet->read_usecs - before;
    }
    char text[96];
    std::snprintf(text, sizeof text, "%lld %lld %lld", static_cast<long long>(stamp),
                  static_cast<long long>(after - before), static_cast<long long>(read));
    return std::string(text);
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  long long stamp = 0, send_took = 0, read = 0;
  ASSERT_EQ(std::sscanf(outcome.text.c_str(), "%lld %lld %lld", &stamp, &send_took, &read), 3);
  // Read after the stall: the delay did happen.
  EXPECT_GE(read, 40'000) << outcome.text;
  // Stamped while sendto() ran.
  EXPECT_GE(stamp, 0) << outcome.text;
  EXPECT_LE(stamp, send_took) << outcome.text;
}

// A run that expects no outbound packet opens no stamping socket: its packets carry the
// sniffer's read time only.
TEST(HostBackendTest, WithoutTransmitStampsAPacketHasOnlyItsReadTime) {
  if (const auto reason = why_host_cannot_run()) GTEST_SKIP() << *reason;
  const netdev::ScratchOutcome outcome = netdev::run_in_scratch_namespace([](const netdev::NetworkNamespace&) {
    HostBackend backend;
    HostClock clock;
    HostBackendOptions options;
    options.addresses = resolve_live_addresses(RunConfig{});
    options.transmit_stamps = false;
    backend.bring_up(options, clock);
    const DatagramSender sender(options.addresses);
    sender.send();
    for (;;) {
      const std::optional<SniffedPacket> packet = backend.sniff(clock.now_usecs() + 2'000'000);
      if (!packet) throw std::runtime_error("the datagram did not come");
      if (!is_udp(packet->bytes)) continue;
      return std::string(packet->transmit_usecs ? "stamped" : "read time only");
    }
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text, "read time only");
}

}  // namespace
}  // namespace tcpdrill::runtime::test
