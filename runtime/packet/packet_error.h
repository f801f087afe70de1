#pragma once

#include <stdexcept>

namespace tcpdrill::runtime::packet {

// A failure of the packet path that the script caused: no socket for a script packet,
// a TS ecr that cannot be mapped, sniffed fragments that do not add up. Carries no
// location; the engine rethrows it as a ScriptError at the running event. These are
// fatal even with --non_fatal=packet (packetdrill's rule); field mismatches of a
// complete packet come back as a MatchResult instead (outbound_matcher.h).
class PacketError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tcpdrill::runtime::packet
