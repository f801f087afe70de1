#pragma once

#include <span>
#include <vector>

#include "runtime/packet/connection_state.h"
#include "trace/state_timeline.h"

namespace tcpdrill::runtime {

// A packet of the run as the timeline shows it: decoded, TCP sequence, ACK and SACK
// numbers moved into script space when one of `connections` owns the flow (the
// reverse of what the packet path does to script packets), in script notation without
// the ports and TTL every packet of the run has. Bytes the codec cannot read become a
// packet with text "undecodable: REASON". number and usecs are left to the caller.
trace::TracedPacket traced_packet(std::span<const uint8_t> bytes, ast::Direction direction,
                                  const std::vector<const packet::ConnectionState*>& connections);

}  // namespace tcpdrill::runtime
