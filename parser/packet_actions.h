#pragma once

#include <string_view>

#include "parse_context.h"
#include "parser/ast_packet.h"

namespace tcpdrill::parser_detail {

// Outer headers of a packet: at most 6, as packetdrill allows.
void add_outer_header(ast::Packet& packet, ast::OuterHeader header, SourceLocation where,
                      const ParseContext& context);

ast::Ipv4Address parse_ipv4(std::string_view text, SourceLocation where, const ParseContext& context);
ast::Ipv6Address parse_ipv6(std::string_view text, SourceLocation where, const ParseContext& context);

// flags ..., sum N, off N, key N, seq N. Only C, K and S flags may be set.
ast::GreHeader make_gre_header(int64_t flags, SourceLocation flags_at, int64_t checksum,
                               SourceLocation checksum_at, int64_t offset, SourceLocation offset_at,
                               int64_t key, SourceLocation key_at, int64_t sequence,
                               SourceLocation sequence_at, const ParseContext& context);

// The type, and the code if written, must be known in the ICMPv4 or ICMPv6 tables, and
// an mtu only goes with the messages that carry one.
void check_icmp_message(const ast::IcmpMessage& message, SourceLocation type_at,
                        SourceLocation code_at, SourceLocation mtu_at, const ParseContext& context);

}  // namespace tcpdrill::parser_detail
