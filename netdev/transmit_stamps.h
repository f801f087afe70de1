#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {

// The kernel's own time of each packet an interface transmits: a packet socket bound to
// it, which the kernel hands a copy of every outgoing packet, stamped as it passes the
// taps in dev_queue_xmit, before the driver (for a TUN device, its read queue) gets it.
// That is the time packetdrill gives outbound packets (SIOCGSTAMP on its packet socket);
// a stamp taken by whoever reads the TUN later carries that reader's wake-up latency.
class TransmitStamps {
 public:
  // Throws NetdevError. The interface need not be up yet.
  explicit TransmitStamps(int ifindex);

  // CLOCK_MONOTONIC nanoseconds at which the kernel transmitted `packet` (an IP packet
  // read from the interface at `read_ns`, CLOCK_MONOTONIC), or nullopt if the tap has no
  // copy of it or no transmit time for it. Copies are matched in transmit order: ones
  // before the match are of packets the reader never got (a full TUN queue dropped
  // them) and are discarded.
  std::optional<int64_t> take(std::span<const uint8_t> packet, int64_t read_ns);

  int fd() const { return fd_.get(); }

 private:
  struct Copy {
    size_t size = 0;                 // the whole packet's
    std::vector<uint8_t> headers;    // its first bytes, enough to tell packets apart
    int64_t realtime_ns = 0;
  };
  // Moves what the socket has queued into pending_.
  void drain();

  UniqueFd fd_;
  std::deque<Copy> pending_;
  std::vector<uint8_t> buffer_;
};

}  // namespace tcpdrill::netdev
