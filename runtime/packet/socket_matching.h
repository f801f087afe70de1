#pragma once

#include "codec/packet_codec.h"
#include "parser/ast_packet.h"
#include "runtime/packet/connection_state.h"

namespace tcpdrill::runtime::packet {

// Where a script packet goes (§4.1).
enum class ScriptPacketRoute : uint8_t {
  NewPassiveChild,   // inbound TCP while listening or without a socket: call
                     // ConnectionState::passive_child and make it the socket under test
  ConnectingSocket,  // outbound SYN (no ACK) of a socket in ActiveConnecting: call
                     // bind_script_syn on it
  SocketUnderTest,   // map to the socket under test as it is
  NoSocketNeeded,    // `raw` bytes: injected as written, nothing to map
};

// `under_test` is the socket under test, nullptr when there is none. Throws
// PacketError("no matching socket for script packet").
ScriptPacketRoute route_script_packet(const ast::Packet& script, const ConnectionState* under_test);

// Whether a sniffed (outbound) live packet belongs to the socket under test: its
// outbound 4-tuple (for ICMP sockets the addresses), or the first packet of a
// connecting socket towards its live remote endpoint (TCP: a SYN without ACK), in
// which case the live local endpoint (and for TCP the live local ISN) is learned and
// the state moves on. Anything else (IPv6 ND, other flows, ICMP errors for TCP/UDP
// sockets) is not ours and the engine drops it.
bool claim_sniffed_packet(ConnectionState& state, const codec::DecodedPacket& live);

}  // namespace tcpdrill::runtime::packet
