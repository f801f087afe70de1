#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "netdev/transmit_stamps.h"
#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {

struct TunOptions {
  std::string name = "tun0";
  // Off (the default), the device has no offloads: the kernel segments and checksums in
  // software, so the TUN sees MSS-sized segments with real checksums. On, it behaves like
  // a NIC with TSO and checksum offload, as packetdrill's device does: reads may return
  // TCP super-packets (TunPacket::gso_size > 0) whose checksums read_packet completes.
  bool tso_offload = false;
  // Lets write_gso_packet() inject TCP super-packets (GRO emulation, packetdrill --mss).
  bool gso_writes = false;
  // Leaves removing the interface to the death of its network namespace (TUNSETPERSIST)
  // instead of to closing the fd. Closing then costs about 2 ms instead of 20-40 ms of
  // synchronous unregistration, which the kernel does later in its namespace cleanup
  // worker. Only for private namespaces: in the initial one the interface would stay.
  bool remove_with_namespace = false;
  // Gives every packet read the kernel's time of transmission (TransmitStamps). Its
  // socket costs an RCU grace period (about 10 ms) when it closes, so a run that checks
  // no outbound packet goes without.
  bool transmit_stamps = true;
};

// One packet the kernel sent out of the TUN device.
struct TunPacket {
  std::vector<uint8_t> bytes;  // the IP packet, starting at the IP header
  // CLOCK_MONOTONIC nanoseconds, taken the moment read() returned it; the runtime
  // converts to script time.
  int64_t timestamp_ns = 0;
  // CLOCK_MONOTONIC nanoseconds at which the kernel transmitted it (TransmitStamps),
  // before it waited for the reader; nullopt when the kernel's copy was lost.
  std::optional<int64_t> transmit_ns;
  // With tso_offload, > 0 for a super-packet the kernel meant to be cut into segments of
  // this many payload bytes.
  uint16_t gso_size = 0;
};

// A TUN interface (IFF_TUN | IFF_NO_PI: bare IP packets) in the calling thread's network
// namespace. The interface exists as long as this object, unless remove_with_namespace.
// The fd is non-blocking; the event loop polls fd() and calls read_packet().
class TunDevice {
 public:
  // Throws NetdevError, e.g. "cannot create TUN device: /dev/net/tun: No such file or directory".
  explicit TunDevice(const TunOptions& options = {});

  const std::string& name() const { return name_; }
  int ifindex() const { return ifindex_; }
  int fd() const { return fd_.get(); }
  bool has_vnet_header() const { return vnet_header_; }

  // Injects one IP packet as if it arrived from the wire; checksums are the caller's.
  void write_packet(std::span<const uint8_t> packet);
  // Injects one IPv4/IPv6 TCP packet as a GRO super-packet: the kernel treats its payload
  // as segments of gso_size bytes coalesced by a NIC. Needs TunOptions::gso_writes. The
  // kernel refuses GSO packets with no more than gso_size payload bytes, so those are
  // written as ordinary packets.
  void write_gso_packet(std::span<const uint8_t> packet, uint16_t gso_size);
  // The next outbound packet, waiting until deadline at most; nullopt when none came.
  std::optional<TunPacket> read_packet(std::chrono::steady_clock::time_point deadline);
  // Hands over the transmit-time socket once no more packets will be read, for the
  // caller to close where its cost (an RCU grace period, ~10 ms) hides behind other
  // work; packets read afterwards carry only their read time.
  std::optional<TransmitStamps> release_transmit_stamps() { return std::exchange(transmit_stamps_, std::nullopt); }

 private:
  void write_with_header(std::span<const uint8_t> header, std::span<const uint8_t> packet);

  UniqueFd fd_;
  std::string name_;
  int ifindex_ = 0;
  bool vnet_header_ = false;
  std::vector<uint8_t> read_buffer_;
  std::optional<TransmitStamps> transmit_stamps_;
};

}  // namespace tcpdrill::netdev
