#pragma once

#include "parse_context.h"
#include "parser/ast_packet.h"

namespace tcpdrill::parser_detail {

// Checks made once a whole part of a packet is known; each fails at `where`.

// The options must fill a multiple of 4 bytes and at most 40 (packetdrill's rules: a
// script pads with nop itself).
void check_tcp_option_space(const ast::TcpOptionList& options, SourceLocation where,
                            const ParseContext& context);

// A wildcard, <...>, or ect01 is only meaningful on a packet the kernel sends.
void require_outbound(const ParseContext& context, SourceLocation where, const char* what);

// `payload` bytes must be exactly as many as the segment's or datagram's length.
void check_payload_length(const ast::Bytes& payload, uint32_t length, SourceLocation where,
                          const ParseContext& context);

}  // namespace tcpdrill::parser_detail
