#pragma once

#include "codec/packet_codec.h"
#include "parser/ast_packet.h"
#include "runtime/packet/match_result.h"

namespace tcpdrill::runtime::packet {

// The header part of an outbound check (§4.5): header layers, the innermost IP header
// (protocol, IHL, total length with the `<...>` allowance, TOS per TosSpec, TTL) and
// the transport header (TCP data offset, flags, reserved bits, seq, ack, window, urgent
// pointer; UDP length; ICMP type and code). `actual` is in script space. Flow label,
// options and payload are checked by the OutboundMatcher. Outer IP headers compare
// only TOS and TTL (the codec does not report their lengths), PSP only its SPI, and
// ICMP no length (the kernel chooses what it quotes).
void compare_headers(const ast::Packet& script, const codec::DecodedPacket& actual,
                     MatchResult& result);

// Bytes the script's TCP options take; `sack *` and `<...>` take what the actual
// options take.
uint32_t script_tcp_options_size(const ast::TcpSegment& script, const ast::TcpSegment& actual);

}  // namespace tcpdrill::runtime::packet
