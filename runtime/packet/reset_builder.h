#pragma once

#include <optional>

#include "runtime/packet/connection_state.h"
#include "runtime/packet/live_packet.h"

namespace tcpdrill::runtime::packet {

// The `R.` packet injected at the end of a test to free the kernel's connection
// (§4.9), all values live. nullopt when the socket is not TCP or its live ports are not
// known. Choice of numbers: after an injected ACK, seq = its seq + SYN + FIN + payload,
// ack and window as injected; else after a sniffed ACK, seq = the kernel's ack and
// ack = its seq; else seq 0 and ack = the kernel's SYN seq + 1, window 0.
std::optional<LivePacket> build_reset(const ConnectionState& state);

}  // namespace tcpdrill::runtime::packet
