#include "netdev/tun_device.h"

#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <time.h>

#include <cstring>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {
namespace {

// The virtio_net_hdr that precedes packets with IFF_VNET_HDR. <linux/virtio_net.h> cannot
// be included from C++ (a member named `class`), so its stable, 10-byte ABI is restated.
struct virtio_net_hdr {
  uint8_t flags;
  uint8_t gso_type;
  uint16_t hdr_len;
  uint16_t gso_size;
  uint16_t csum_start;
  uint16_t csum_offset;
};
static_assert(sizeof(virtio_net_hdr) == 10);
constexpr uint8_t VIRTIO_NET_HDR_F_NEEDS_CSUM = 1;
constexpr uint8_t VIRTIO_NET_HDR_GSO_NONE = 0;
constexpr uint8_t VIRTIO_NET_HDR_GSO_TCPV4 = 1;
constexpr uint8_t VIRTIO_NET_HDR_GSO_TCPV6 = 4;

constexpr size_t kVnetHeaderSize = sizeof(virtio_net_hdr);
// The largest packet a TUN device hands out: a 64 KiB GSO super-packet, plus its header.
constexpr size_t kReadBufferSize = 65536 + kVnetHeaderSize;

int64_t monotonic_now_ns() {
  timespec now = {};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

// With checksum offload the kernel leaves the transport checksum holding only the
// pseudo-header sum (VIRTIO_NET_HDR_F_NEEDS_CSUM); a NIC would finish it. We do the
// same, so the runtime always sees the checksum the wire would carry.
void complete_checksum(std::span<uint8_t> packet, const virtio_net_hdr& header) {
  const size_t start = header.csum_start;
  const size_t field = start + header.csum_offset;
  if (field + 2 > packet.size()) return;
  uint32_t sum = 0;
  for (size_t i = start; i + 1 < packet.size(); i += 2) sum += uint32_t{packet[i]} << 8 | packet[i + 1];
  if ((packet.size() - start) % 2 != 0) sum += uint32_t{packet.back()} << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  auto checksum = static_cast<uint16_t>(~sum);
  // In UDP a zero checksum means "none", so a computed zero goes on the wire as all ones.
  constexpr size_t kUdpChecksumOffset = 6;
  if (checksum == 0 && header.csum_offset == kUdpChecksumOffset) checksum = 0xffff;
  packet[field] = static_cast<uint8_t>(checksum >> 8);
  packet[field + 1] = static_cast<uint8_t>(checksum);
}

struct TcpLayout {
  uint8_t gso_type;
  size_t payload_size;
};

// Where the TCP payload of packet starts, so the GSO header can describe it.
TcpLayout tcp_layout(std::span<const uint8_t> packet) {
  const std::string attempted = "cannot write GSO packet";
  if (packet.empty()) throw NetdevError(EINVAL, attempted + ": empty packet");
  const int version = packet[0] >> 4;
  size_t ip_header_size = 0;
  uint8_t protocol = 0;
  uint8_t gso_type = 0;
  if (version == 4 && packet.size() >= 20) {
    ip_header_size = size_t{packet[0] & 0x0fu} * 4;
    protocol = packet[9];
    gso_type = VIRTIO_NET_HDR_GSO_TCPV4;
  } else if (version == 6 && packet.size() >= 40) {
    ip_header_size = 40;
    protocol = packet[6];
    gso_type = VIRTIO_NET_HDR_GSO_TCPV6;
  } else {
    throw NetdevError(EINVAL, attempted + ": not an IPv4 or IPv6 packet");
  }
  if (protocol != IPPROTO_TCP) throw NetdevError(EINVAL, attempted + ": only TCP right after the IP header can be GSO");
  if (packet.size() < ip_header_size + 20) throw NetdevError(EINVAL, attempted + ": truncated TCP header");
  const size_t headers_size = ip_header_size + size_t{packet[ip_header_size + 12]} / 16 * 4;
  if (packet.size() < headers_size) throw NetdevError(EINVAL, attempted + ": truncated TCP options");
  return {gso_type, packet.size() - headers_size};
}

}  // namespace

TunDevice::TunDevice(const TunOptions& options)
    : name_(options.name), vnet_header_(options.tso_offload || options.gso_writes) {
  const std::string attempted = "cannot create TUN device " + name_;
  if (name_.size() >= IFNAMSIZ) throw NetdevError(EINVAL, attempted + ": name longer than " + std::to_string(IFNAMSIZ - 1));
  fd_.reset(::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC));
  if (!fd_.valid()) throw_errno(attempted + ": /dev/net/tun");

  ifreq request = {};
  std::memcpy(request.ifr_name, name_.c_str(), name_.size());
  request.ifr_flags = IFF_TUN | IFF_NO_PI | (vnet_header_ ? IFF_VNET_HDR : 0);
  if (::ioctl(fd_.get(), TUNSETIFF, &request) != 0) throw_errno(attempted + ": TUNSETIFF");

  // TUNSETOFFLOAD says what the reader can take: 0 makes the kernel segment and
  // checksum everything itself before handing packets over.
  const unsigned offloads = options.tso_offload ? TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN : 0;
  if (::ioctl(fd_.get(), TUNSETOFFLOAD, offloads) != 0) throw_errno(attempted + ": TUNSETOFFLOAD");

  if (options.remove_with_namespace && ::ioctl(fd_.get(), TUNSETPERSIST, 1) != 0) throw_errno(attempted + ": TUNSETPERSIST");

  ifindex_ = static_cast<int>(if_nametoindex(name_.c_str()));
  if (ifindex_ == 0) throw_errno(attempted + ": no interface index");
  read_buffer_.resize(kReadBufferSize);
  if (options.transmit_stamps) transmit_stamps_.emplace(ifindex_);
}

void TunDevice::write_with_header(std::span<const uint8_t> header, std::span<const uint8_t> packet) {
  iovec parts[2] = {
      {const_cast<uint8_t*>(header.data()), header.size()},
      {const_cast<uint8_t*>(packet.data()), packet.size()},
  };
  const ssize_t written = ::writev(fd_.get(), parts, 2);
  if (written >= 0 && static_cast<size_t>(written) == header.size() + packet.size()) return;
  const int error = written < 0 ? errno : EIO;
  throw NetdevError(error, "cannot inject a " + std::to_string(packet.size()) + "-byte packet into " + name_);
}

void TunDevice::write_packet(std::span<const uint8_t> packet) {
  const virtio_net_hdr no_offload = {};
  write_with_header(vnet_header_ ? std::span(reinterpret_cast<const uint8_t*>(&no_offload), kVnetHeaderSize)
                                 : std::span<const uint8_t>(),
                    packet);
}

void TunDevice::write_gso_packet(std::span<const uint8_t> packet, uint16_t gso_size) {
  if (!vnet_header_) {
    throw NetdevError(EINVAL, "cannot write GSO packet to " + name_ + ": the device was made without gso_writes");
  }
  const TcpLayout layout = tcp_layout(packet);
  if (gso_size == 0 || layout.payload_size <= gso_size) return write_packet(packet);
  // No NEEDS_CSUM: the kernel then finds the TCP header itself and verifies the checksum
  // the caller computed over the whole super-packet, as it would for GRO. No hdr_len
  // either, as packetdrill: with one, tun copies only the headers into the skb's head and
  // puts the payload in page fragments, which changes the skb's truesize, so the receive
  // window the kernel advertises after it differs from packetdrill's (the kernel
  // selftest tcp_rcv_big_endseq expects the window of an all-linear skb).
  virtio_net_hdr header = {};
  header.gso_type = layout.gso_type;
  header.gso_size = gso_size;
  write_with_header(std::span(reinterpret_cast<const uint8_t*>(&header), kVnetHeaderSize), packet);
}

std::optional<TunPacket> TunDevice::read_packet(std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    const ssize_t n = ::read(fd_.get(), read_buffer_.data(), read_buffer_.size());
    if (n >= 0) {
      TunPacket packet;
      packet.timestamp_ns = monotonic_now_ns();
      const size_t skip = vnet_header_ ? kVnetHeaderSize : 0;
      if (static_cast<size_t>(n) < skip) throw NetdevError(EIO, "cannot read packet from " + name_ + ": truncated");
      packet.bytes.assign(read_buffer_.begin() + static_cast<ptrdiff_t>(skip), read_buffer_.begin() + n);
      if (vnet_header_) {
        virtio_net_hdr header;
        std::memcpy(&header, read_buffer_.data(), kVnetHeaderSize);
        if (header.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) complete_checksum(packet.bytes, header);
        if (header.gso_type != VIRTIO_NET_HDR_GSO_NONE) packet.gso_size = header.gso_size;
      }
      if (transmit_stamps_) packet.transmit_ns = transmit_stamps_->take(packet.bytes, packet.timestamp_ns);
      return packet;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN) throw_errno("cannot read packet from " + name_);

    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return std::nullopt;
    const auto left_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    const timespec timeout = {static_cast<time_t>(left_ns / 1'000'000'000), static_cast<long>(left_ns % 1'000'000'000)};
    pollfd readable = {fd_.get(), POLLIN, 0};
    const int ready = ::ppoll(&readable, 1, &timeout, nullptr);
    if (ready < 0 && errno != EINTR) throw_errno("cannot wait for a packet from " + name_);
    if (ready == 0) return std::nullopt;
  }
}

}  // namespace tcpdrill::netdev
