#include "netdev/transmit_stamps.h"

#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <sys/socket.h>
#include <time.h>

#include <algorithm>
#include <cstring>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {
namespace {

// The IP and transport headers with their first options: two packets of one flow that
// agree on these and on their length are the same packet (IPv4 ID, sequence and
// acknowledgment numbers, timestamps). Checksums are left out of the comparison (a
// device with checksum offload gets the transport checksum unfinished; the TUN reader
// completes it), so only the IP header and what follows the checksum fields count.
constexpr size_t kCapturedBytes = 96;

int64_t clock_ns(clockid_t clock) {
  timespec now{};
  clock_gettime(clock, &now);
  return int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

// Where the transport checksum sits, to leave it out of the comparison; 0 when unknown.
size_t transport_checksum_offset(std::span<const uint8_t> packet) {
  if (packet.empty()) return 0;
  size_t header = 0;
  uint8_t protocol = 0;
  if (packet[0] >> 4 == 4 && packet.size() >= 20) {
    header = size_t{packet[0] & 0x0fu} * 4;
    protocol = packet[9];
  } else if (packet[0] >> 4 == 6 && packet.size() >= 40) {
    header = 40;
    protocol = packet[6];
  }
  if (protocol == IPPROTO_TCP) return header + 16;
  if (protocol == IPPROTO_UDP) return header + 6;
  return 0;
}

bool same_packet(std::span<const uint8_t> packet, size_t size, std::span<const uint8_t> headers) {
  if (packet.size() != size || headers.size() > packet.size()) return false;
  const size_t checksum = transport_checksum_offset(packet);
  for (size_t i = 0; i < headers.size(); ++i) {
    if (checksum != 0 && (i == checksum || i == checksum + 1)) continue;
    if (headers[i] != packet[i]) return false;
  }
  return true;
}

}  // namespace

TransmitStamps::TransmitStamps(int ifindex) : buffer_(kCapturedBytes) {
  const std::string attempted = "cannot watch the transmit times of interface " + std::to_string(ifindex);
  // Protocol 0 until bind: a socket made with a protocol starts receiving on every
  // interface at once, and binding it then has to take that back, which waits for an
  // RCU grace period (about 10 ms, a third of a trivial run).
  fd_.reset(::socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd_.valid()) throw_errno(attempted + ": packet socket");
  // Only what the interface transmits, so that injected packets cost nothing. Whole
  // packets: the socket queues a clone that shares the data, and a cut one would not
  // tell its length (recvmsg copies only the headers anyway).
  sock_filter outgoing_only[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, static_cast<uint32_t>(SKF_AD_OFF + SKF_AD_PKTTYPE)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_OUTGOING, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
      BPF_STMT(BPF_RET | BPF_K, 0),
  };
  const sock_fprog program = {static_cast<unsigned short>(std::size(outgoing_only)), outgoing_only};
  if (::setsockopt(fd_.get(), SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program) != 0)
    throw_errno(attempted + ": SO_ATTACH_FILTER");
  // A copy is charged the whole packet's memory, so a reader held up behind a burst of
  // super-packets would overflow the default buffer and lose the stamps. Only root may
  // go past net.core.rmem_max; otherwise the stamps of such bursts fall back.
  const int buffer_bytes = 16 << 20;
  if (::setsockopt(fd_.get(), SOL_SOCKET, SO_RCVBUFFORCE, &buffer_bytes, sizeof buffer_bytes) != 0)
    ::setsockopt(fd_.get(), SOL_SOCKET, SO_RCVBUF, &buffer_bytes, sizeof buffer_bytes);
  const int on = 1;
  if (::setsockopt(fd_.get(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0)
    throw_errno(attempted + ": SO_TIMESTAMPNS");
  sockaddr_ll address = {};
  address.sll_family = AF_PACKET;
  address.sll_protocol = htons(ETH_P_ALL);
  address.sll_ifindex = ifindex;
  if (::bind(fd_.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    throw_errno(attempted + ": bind");
}

void TransmitStamps::drain() {
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
  for (;;) {
    iovec data = {buffer_.data(), buffer_.size()};
    msghdr message = {};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    // MSG_TRUNC: the packet's real length, not the captured part's.
    const ssize_t size = ::recvmsg(fd_.get(), &message, MSG_TRUNC);
    if (size < 0) {
      // ENETDOWN is reported once, for the interface being down when the socket was
      // bound (before it came up) or going down at the end; nothing is lost by it.
      if (errno == EINTR || errno == ENETDOWN) continue;
      if (errno == EAGAIN) return;
      throw_errno("cannot read transmit times");
    }
    Copy copy;
    copy.size = static_cast<size_t>(size);
    copy.headers.assign(buffer_.begin(), buffer_.begin() + static_cast<ptrdiff_t>(std::min(copy.size, buffer_.size())));
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header != nullptr; header = CMSG_NXTHDR(&message, header)) {
      if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_TIMESTAMPNS) continue;
      timespec stamp{};
      std::memcpy(&stamp, CMSG_DATA(header), sizeof stamp);
      copy.realtime_ns = int64_t{stamp.tv_sec} * 1'000'000'000 + stamp.tv_nsec;
    }
    if (copy.realtime_ns != 0) pending_.push_back(std::move(copy));
  }
}

std::optional<int64_t> TransmitStamps::take(std::span<const uint8_t> packet, int64_t read_ns) {
  drain();
  const auto match = std::find_if(pending_.begin(), pending_.end(),
                                  [&](const Copy& copy) { return same_packet(packet, copy.size, copy.headers); });
  if (match == pending_.end()) return std::nullopt;
  const int64_t realtime_ns = match->realtime_ns;
  pending_.erase(pending_.begin(), match + 1);
  // The stamp is CLOCK_REALTIME; the offset is read now, microseconds later, so only a
  // step of the wall clock in between could move it.
  const int64_t transmit_ns = realtime_ns - (clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC));
  // The kernel turns stamping on a moment after SO_TIMESTAMPNS (from a work queue, when
  // no other socket stamps); a packet that passed before gets the time it is received
  // from the socket instead, after the read.
  if (transmit_ns > read_ns) return std::nullopt;
  return transmit_ns;
}

}  // namespace tcpdrill::netdev
