#pragma once

#include "parser/ast_packet.h"
#include "runtime/packet/connection_state.h"
#include "runtime/packet/live_packet.h"
#include "runtime/run_config.h"

namespace tcpdrill::runtime::packet {

// Turns a script `<` packet into the live packet to inject (§4.7): the live inbound
// tuple (script ports win), TCP seq += remote ISN (not for SYNs), ack (when ACK is set)
// and SACK blocks += the local offset, TS ecr mapped through the TS map, and an ICMP
// error's quoted TCP seq shifted into live local space. It also advances the
// handshake state (PassiveSynAckSent -> PassiveSynAckAcked on an ACK, ActiveSynSent ->
// ActiveSynAcked on a SYN-ACK, which fixes the remote ISN) and remembers the header for
// the end-of-test RST.
class InboundPacketMapper {
 public:
  explicit InboundPacketMapper(const RunConfig& config);

  // Throws PacketError("unable to infer live TS ecr for script TS ecr N; no matching or
  // preceding outbound TS val") when an ACK carries a TS ecr that no outbound val maps.
  LivePacket map(const ast::Packet& script, ConnectionState& state) const;

 private:
  bool ts_ecr_scaled_;
};

}  // namespace tcpdrill::runtime::packet
