#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tcpdrill {

// The names scripts give ICMP types and codes: one table per ICMP version, shared by
// the parser, which only checks that a name exists in some version (a script's
// address family is known only when it runs), and the codec, which turns names into
// the numbers of the run's version and back.
enum class IcmpVersion { V4, V6 };

struct IcmpCodeName {
  uint8_t code;
  std::string_view name;
};

struct IcmpTypeName {
  uint8_t type;
  std::string_view name;
  std::span<const IcmpCodeName> codes;
};

std::span<const IcmpTypeName> icmp_type_names(IcmpVersion version);

// N of the generic names `type_N` / `code_N` (prefix "type_" or "code_") when N is a
// number that fits a byte.
std::optional<uint8_t> generic_icmp_number(std::string_view name, std::string_view prefix);

namespace parser_detail {

// Whether an ICMP type (and code) name is known in the ICMPv4 or the ICMPv6 table, or is
// a generic `type_N` / `code_N`.
bool is_known_icmp_type(std::string_view type);
bool is_known_icmp_code(std::string_view type, std::string_view code);

// ICMPv4 "fragmentation needed" and ICMPv6 "packet too big" carry an MTU. Generic
// `type_N` / `code_N` names are given the benefit of the doubt: their meaning depends on
// the address family.
bool may_carry_mtu(std::string_view type, const std::optional<std::string>& code);

}  // namespace parser_detail
}  // namespace tcpdrill
