#pragma once

#include <cstdint>
#include <vector>

#include "codec/packet_codec.h"
#include "parser/ast_packet.h"
#include "runtime/packet/packet_formatter.h"

namespace tcpdrill::runtime::packet {

// Collects sniffed segments for one `>` packet (§4.3 step 5). Unless strict, keeps
// asking for more while the payload gathered is short of the script's; each further
// fragment must share the 4-tuple (otherwise what was gathered is dropped and
// collection restarts with it), have headers compatible with the previous one and,
// unless it is the last, the same payload size. The merged packet has the headers of
// the last fragment and the seq and CWR of the first.
class SegmentAggregator {
 public:
  SegmentAggregator(const ast::Packet& script, bool strict_segments,
                    PacketFormatter format = codec::format_packet);

  // Adds a fragment in script space (OutboundMatcher::to_script_space). Returns true
  // when no more fragments are wanted. Throws PacketError on an incompatible fragment,
  // with the script and every fragment dumped ("actual #i").
  bool add(codec::DecodedPacket fragment);

  // The merged packet. Throws PacketError("live packet payload: expected N bytes vs
  // actual M bytes") when the total differs from the script's.
  codec::DecodedPacket take();

  const std::vector<codec::DecodedPacket>& fragments() const { return fragments_; }

 private:
  ast::Packet script_;
  uint32_t expected_payload_;
  bool strict_;
  PacketFormatter format_;
  std::vector<codec::DecodedPacket> fragments_;
  uint32_t gathered_payload_ = 0;
};

}  // namespace tcpdrill::runtime::packet
