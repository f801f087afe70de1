#include "icmp_names.h"

#include <charconv>

namespace tcpdrill {
namespace {

// Names from RFC 792 / RFC 1122 (ICMPv4) and RFC 4443 (ICMPv6), spelled as
// packetdrill scripts write them.
constexpr IcmpCodeName kIpv4UnreachableCodes[] = {
    {0, "net_unreachable"},           {1, "host_unreachable"},
    {2, "protocol_unreachable"},      {3, "port_unreachable"},
    {4, "frag_needed"},               {5, "source_route_failed"},
    {6, "net_unknown"},               {7, "host_unknown"},
    {8, "source_host_isolated"},      {9, "net_prohibited"},
    {10, "host_prohibited"},          {11, "net_unreachable_for_tos"},
    {12, "host_unreachable_for_tos"}, {13, "packet_filtered"},
    {14, "precedence_violation"},     {15, "precedence_cutoff"},
};

constexpr IcmpTypeName kIpv4Types[] = {
    {0, "echo_reply", {}},
    {3, "unreachable", kIpv4UnreachableCodes},
    {4, "source_quench", {}},
    {5, "redirect", {}},
    {8, "echo_request", {}},
    {11, "time_exceeded", {}},
    {12, "parameter_problem", {}},
    {13, "timestamp_request", {}},
    {14, "timestamp_reply", {}},
    {15, "information_request", {}},
    {16, "information_reply", {}},
    {17, "address_mask_request", {}},
    {18, "address_mask_reply", {}},
};

// Code 0 has two names; the RFC 4443 one comes first and is the one printed.
constexpr IcmpCodeName kIpv6UnreachableCodes[] = {
    {0, "no_route"},      {0, "net_unreachable"},     {1, "admin_prohibited"},
    {2, "not_neighbour"}, {3, "address_unreachable"}, {4, "port_unreachable"},
};
constexpr IcmpCodeName kIpv6TimeExceededCodes[] = {
    {0, "exceeded_hop_limit"},
    {1, "exceeded_frag_time"},
};
constexpr IcmpCodeName kIpv6ParameterProblemCodes[] = {
    {0, "header_field"},
    {1, "unknown_next_header"},
    {2, "unknown_option"},
};

constexpr IcmpTypeName kIpv6Types[] = {
    {1, "unreachable", kIpv6UnreachableCodes},
    {2, "packet_too_big", {}},
    {3, "time_exceeded", kIpv6TimeExceededCodes},
    {4, "parameter_problem", kIpv6ParameterProblemCodes},
    {128, "echo_request", {}},
    {129, "echo_reply", {}},
};

constexpr IcmpVersion kVersions[] = {IcmpVersion::V4, IcmpVersion::V6};

const IcmpTypeName* find_type(IcmpVersion version, std::string_view name) {
  for (const IcmpTypeName& type : icmp_type_names(version)) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

}  // namespace

std::span<const IcmpTypeName> icmp_type_names(IcmpVersion version) {
  if (version == IcmpVersion::V4) return kIpv4Types;
  return kIpv6Types;
}

std::optional<uint8_t> generic_icmp_number(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix) || name.size() == prefix.size()) return std::nullopt;
  unsigned value = 0;
  const std::string_view digits = name.substr(prefix.size());
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value > 0xff) return std::nullopt;
  return static_cast<uint8_t>(value);
}

namespace parser_detail {

bool is_known_icmp_type(std::string_view type) {
  if (generic_icmp_number(type, "type_")) return true;
  for (IcmpVersion version : kVersions) {
    if (find_type(version, type)) return true;
  }
  return false;
}

bool is_known_icmp_code(std::string_view type, std::string_view code) {
  if (generic_icmp_number(code, "code_")) return true;
  for (IcmpVersion version : kVersions) {
    const IcmpTypeName* names = find_type(version, type);
    if (names == nullptr) continue;
    for (const IcmpCodeName& known : names->codes) {
      if (known.name == code) return true;
    }
  }
  return false;
}

bool may_carry_mtu(std::string_view type, const std::optional<std::string>& code) {
  if (generic_icmp_number(type, "type_") || (code && generic_icmp_number(*code, "code_"))) return true;
  return type == "packet_too_big" || (type == "unreachable" && code == "frag_needed");
}

}  // namespace parser_detail
}  // namespace tcpdrill
