#include "packet_actions.h"

#include <arpa/inet.h>

#include <string>

#include "icmp_names.h"
#include "number_conversion.h"

namespace tcpdrill::parser_detail {

namespace {

constexpr size_t kMaxOuterHeaders = 6;
constexpr int64_t kGreKnownFlags = 0x8000 | 0x2000 | 0x1000;  // C, K, S

}  // namespace

void add_outer_header(ast::Packet& packet, ast::OuterHeader header, SourceLocation where,
                      const ParseContext& context) {
  if (packet.outer_headers.size() == kMaxOuterHeaders) {
    context.fail(where, "too many encapsulation headers (at most 6)");
  }
  packet.outer_headers.push_back(std::move(header));
}

ast::Ipv4Address parse_ipv4(std::string_view text, SourceLocation where, const ParseContext& context) {
  ast::Ipv4Address address;
  if (inet_pton(AF_INET, std::string(text).c_str(), address.bytes.data()) != 1) {
    context.fail(where, "invalid IPv4 address '" + std::string(text) + "'");
  }
  return address;
}

ast::Ipv6Address parse_ipv6(std::string_view text, SourceLocation where, const ParseContext& context) {
  ast::Ipv6Address address;
  if (inet_pton(AF_INET6, std::string(text).c_str(), address.bytes.data()) != 1) {
    context.fail(where, "invalid IPv6 address '" + std::string(text) + "'");
  }
  return address;
}

ast::GreHeader make_gre_header(int64_t flags, SourceLocation flags_at, int64_t checksum,
                               SourceLocation checksum_at, int64_t offset, SourceLocation offset_at,
                               int64_t key, SourceLocation key_at, int64_t sequence,
                               SourceLocation sequence_at, const ParseContext& context) {
  check_range(flags, 0, UINT16_MAX, flags_at, context, "GRE flags out of range");
  if ((flags & ~kGreKnownFlags) != 0) {
    context.fail(flags_at, "GRE flags may only set checksum, key and sequence# (version must be 0)");
  }
  ast::GreHeader header;
  header.flags = static_cast<uint16_t>(flags);
  header.checksum = check_range(checksum, 0, UINT16_MAX, checksum_at, context, "GRE sum out of range");
  header.offset = check_range(offset, 0, UINT16_MAX, offset_at, context, "GRE off out of range");
  header.key = check_range(key, 0, UINT32_MAX, key_at, context, "GRE key out of range");
  header.sequence = check_range(sequence, 0, UINT32_MAX, sequence_at, context, "GRE seq out of range");
  return header;
}

void check_icmp_message(const ast::IcmpMessage& message, SourceLocation type_at,
                        SourceLocation code_at, SourceLocation mtu_at, const ParseContext& context) {
  if (!is_known_icmp_type(message.type_name)) {
    context.fail(type_at, "unknown ICMP type '" + message.type_name + "'");
  }
  if (message.code_name && !is_known_icmp_code(message.type_name, *message.code_name)) {
    context.fail(code_at, "unknown ICMP code '" + *message.code_name + "' for type '" +
                              message.type_name + "'");
  }
  if (message.mtu && !may_carry_mtu(message.type_name, message.code_name)) {
    context.fail(mtu_at, "ICMP mtu can only be used with unreachable frag_needed or packet_too_big");
  }
}

}  // namespace tcpdrill::parser_detail
