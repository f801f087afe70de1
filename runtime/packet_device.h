#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace tcpdrill::runtime {

// A packet the kernel under test sent, with the clock times it was sent and read.
struct SniffedPacket {
  std::vector<uint8_t> bytes;  // the IP packet
  // The kernel's time of transmission, where the device knows it.
  std::optional<int64_t> transmit_usecs;
  // When the device's reader got it: later than the transmission by the reader's latency.
  int64_t read_usecs = 0;
  // The packet's time: the kernel's where known.
  int64_t clock_usecs() const { return transmit_usecs.value_or(read_usecs); }
};

// Where the engine injects packets into the kernel under test and sees the ones it
// sends. The host backend is a TUN device; a virtual machine backend can be a virtio
// queue. Errors are thrown as std::exception subclasses without a location.
class PacketDevice {
 public:
  virtual ~PacketDevice() = default;
  // Delivers one IP packet to the kernel. gso_size != 0 marks a TCP packet as a GRO
  // super-packet of that segment size (--mss).
  virtual void inject(std::span<const uint8_t> ip_packet, uint16_t gso_size) = 0;
  // The next packet the kernel sent, oldest first, or nullopt when none has come by
  // `deadline_usecs` (clock time).
  virtual std::optional<SniffedPacket> sniff(int64_t deadline_usecs) = 0;
};

}  // namespace tcpdrill::runtime
