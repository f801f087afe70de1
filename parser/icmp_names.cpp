#include "icmp_names.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>

namespace tcpdrill::parser_detail {

namespace {

struct IcmpTypeNames {
  std::string_view type;
  std::initializer_list<std::string_view> codes;
};

// The union of the ICMPv4 and ICMPv6 names: a script is checked before its address
// family is known.
const IcmpTypeNames kIcmpNames[] = {
    {"echo_reply", {}},
    {"unreachable",
     {"net_unreachable", "host_unreachable", "protocol_unreachable", "port_unreachable",
      "frag_needed", "source_route_failed", "net_unknown", "host_unknown",
      "source_host_isolated", "net_prohibited", "host_prohibited", "net_unreachable_for_tos",
      "host_unreachable_for_tos", "packet_filtered", "precedence_violation",
      "precedence_cutoff",
      // ICMPv6
      "no_route", "admin_prohibited", "not_neighbour", "address_unreachable"}},
    {"source_quench", {}},
    {"redirect", {}},
    {"echo_request", {}},
    {"time_exceeded", {"exceeded_hop_limit", "exceeded_frag_time"}},
    {"parameter_problem", {"header_field", "unknown_next_header", "unknown_option"}},
    {"timestamp_request", {}},
    {"timestamp_reply", {}},
    {"information_request", {}},
    {"information_reply", {}},
    {"address_mask_request", {}},
    {"address_mask_reply", {}},
    {"packet_too_big", {}},
};

// `prefix_N` with N a number 0..255.
bool is_generic_name(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix || name.size() == prefix.size()) return false;
  unsigned value = 0;
  auto [end, error] = std::from_chars(name.data() + prefix.size(), name.data() + name.size(), value);
  return error == std::errc() && end == name.data() + name.size() && value <= 255;
}

const IcmpTypeNames* find_type(std::string_view type) {
  for (const IcmpTypeNames& names : kIcmpNames) {
    if (names.type == type) return &names;
  }
  return nullptr;
}

}  // namespace

bool is_known_icmp_type(std::string_view type) {
  return is_generic_name(type, "type_") || find_type(type) != nullptr;
}

bool may_carry_mtu(std::string_view type, const std::optional<std::string>& code) {
  if (is_generic_name(type, "type_") || (code && is_generic_name(*code, "code_"))) return true;
  return type == "packet_too_big" || (type == "unreachable" && code == "frag_needed");
}

bool is_known_icmp_code(std::string_view type, std::string_view code) {
  if (is_generic_name(code, "code_")) return true;
  const IcmpTypeNames* names = find_type(type);
  return names != nullptr && std::find(names->codes.begin(), names->codes.end(), code) != names->codes.end();
}

}  // namespace tcpdrill::parser_detail
