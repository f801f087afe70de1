#pragma once

#include <cstdint>

#include "codec/packet_codec.h"
#include "parser/ast_packet.h"
#include "runtime/packet/connection_state.h"
#include "runtime/packet/match_result.h"
#include "runtime/packet/packet_formatter.h"
#include "runtime/run_config.h"

namespace tcpdrill::runtime::packet {

// Checks a sniffed outbound packet against the script's `>` packet (§4.3-§4.6).
//
// Engine flow for one `>` event: route the script packet (socket_matching.h); for each
// sniffed packet that claim_sniffed_packet() accepts, call to_script_space() and feed the
// result to a SegmentAggregator until it is complete; then compare() the aggregate.
// match() does both steps for a single packet.
class OutboundMatcher {
 public:
  explicit OutboundMatcher(const RunConfig& config, PacketFormatter format = codec::format_packet);

  // Learns what the packet teaches (live local ISN on the passive SYN-ACK), remembers
  // the live TCP header for the end-of-test RST, and returns the packet with TCP seq,
  // ack and SACK blocks in script space (other fields untouched, TS val still live).
  codec::DecodedPacket to_script_space(const ast::Packet& script, const codec::DecodedPacket& live,
                                       ConnectionState& state) const;

  // Compares field by field. `actual` comes from to_script_space (or a SegmentAggregator
  // fed by it). Records the TS val mapping and the flow label binding in `state`.
  // `usecs_since_script_start` is the event's script time, the base of the TS val
  // tolerance. Throws codec::CodecError when the script names an ICMP type or code the
  // packet's address family does not have.
  MatchResult compare(const ast::Packet& script, const codec::DecodedPacket& actual,
                      ConnectionState& state, int64_t usecs_since_script_start) const;

  MatchResult match(const ast::Packet& script, const codec::DecodedPacket& live,
                    ConnectionState& state, int64_t usecs_since_script_start) const;

 private:
  void compare_options(const ast::TcpSegment& script, const ast::TcpSegment& actual,
                       int64_t usecs_since_script_start, MatchResult& result) const;
  void check_timestamp(const ast::tcp_option::Timestamp& script,
                       const ast::tcp_option::Timestamp& live, int64_t usecs_since_script_start,
                       MatchResult& result) const;

  int64_t tolerance_usecs_;
  double tolerance_percent_;
  uint32_t ts_tick_usecs_;
  PacketFormatter format_;
};

}  // namespace tcpdrill::runtime::packet
