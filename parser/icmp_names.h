#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tcpdrill::parser_detail {

// Whether an ICMP type (and code) name is known in the ICMPv4 or the ICMPv6 table, or is
// a generic `type_N` / `code_N`. Only a check: the codec resolves names to numbers once
// the address family is known.
bool is_known_icmp_type(std::string_view type);
bool is_known_icmp_code(std::string_view type, std::string_view code);

// ICMPv4 "fragmentation needed" and ICMPv6 "packet too big" carry an MTU. Generic
// `type_N` / `code_N` names are given the benefit of the doubt: their meaning depends on
// the address family.
bool may_carry_mtu(std::string_view type, const std::optional<std::string>& code);

}  // namespace tcpdrill::parser_detail
