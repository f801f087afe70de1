#pragma once

#include <chrono>
#include <optional>
#include <variant>

#include "netdev/unique_fd.h"
#include "vm/frame_codec.h"
#include "vm/guest_protocol.h"

namespace tcpdrill::vm {

// The far end closed the channel (QEMU exited, the guest powered off).
struct ChannelClosed {};
// The deadline passed first.
struct ChannelTimedOut {};
// The interrupt descriptor became readable first.
struct ChannelInterrupted {};

using ChannelEvent = std::variant<GuestMessage, ChannelClosed, ChannelTimedOut, ChannelInterrupted>;

// Framed messages over one stream descriptor: the host's end of the socket QEMU serves as
// the guest's second serial port, or the guest's /dev/ttyS1 in raw mode.
class ControlChannel {
 public:
  explicit ControlChannel(netdev::UniqueFd fd);

  // Writes the whole frame; throws std::system_error if the far end is gone.
  void send(const GuestMessage& message);
  // Waits for the next intact message. `interrupt_fd` (-1: none) is polled alongside.
  // Frames that fail to decode as messages are skipped.
  ChannelEvent receive(std::optional<std::chrono::steady_clock::time_point> deadline,
                       int interrupt_fd = -1);

 private:
  netdev::UniqueFd fd_;
  FrameDecoder decoder_;
};

}  // namespace tcpdrill::vm
