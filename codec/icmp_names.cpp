#include "codec/icmp_names.h"

#include <charconv>
#include <span>
#include <string_view>

namespace tcpdrill::codec {
namespace {

struct CodeName {
  uint8_t code;
  std::string_view name;
};

struct TypeName {
  uint8_t type;
  std::string_view name;
  std::span<const CodeName> codes;
};

// Names from RFC 792 / RFC 1122 (ICMPv4) and RFC 4443 (ICMPv6), spelled as
// packetdrill scripts write them.
constexpr CodeName kIpv4UnreachableCodes[] = {
    {0, "net_unreachable"},         {1, "host_unreachable"},
    {2, "protocol_unreachable"},    {3, "port_unreachable"},
    {4, "frag_needed"},             {5, "source_route_failed"},
    {6, "net_unknown"},             {7, "host_unknown"},
    {8, "source_host_isolated"},    {9, "net_prohibited"},
    {10, "host_prohibited"},        {11, "net_unreachable_for_tos"},
    {12, "host_unreachable_for_tos"}, {13, "packet_filtered"},
    {14, "precedence_violation"},   {15, "precedence_cutoff"},
};

constexpr TypeName kIpv4Types[] = {
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
constexpr CodeName kIpv6UnreachableCodes[] = {
    {0, "no_route"},         {0, "net_unreachable"},     {1, "admin_prohibited"},
    {2, "not_neighbour"},    {3, "address_unreachable"}, {4, "port_unreachable"},
};
constexpr CodeName kIpv6TimeExceededCodes[] = {
    {0, "exceeded_hop_limit"},
    {1, "exceeded_frag_time"},
};
constexpr CodeName kIpv6ParameterProblemCodes[] = {
    {0, "header_field"},
    {1, "unknown_next_header"},
    {2, "unknown_option"},
};

constexpr TypeName kIpv6Types[] = {
    {1, "unreachable", kIpv6UnreachableCodes},
    {2, "packet_too_big", {}},
    {3, "time_exceeded", kIpv6TimeExceededCodes},
    {4, "parameter_problem", kIpv6ParameterProblemCodes},
    {128, "echo_request", {}},
    {129, "echo_reply", {}},
};

std::span<const TypeName> types_of(IpFamily family) {
  if (family == IpFamily::V4) return kIpv4Types;
  return kIpv6Types;
}

const char* family_name(IpFamily family) { return family == IpFamily::V4 ? "ICMPv4" : "ICMPv6"; }

const TypeName* find_type(IpFamily family, uint8_t type) {
  for (const auto& entry : types_of(family)) {
    if (entry.type == type) return &entry;
  }
  return nullptr;
}

// N of `prefixN` when N is a number that fits a byte.
std::optional<uint8_t> generic_number(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix) || name.size() == prefix.size()) return std::nullopt;
  unsigned value = 0;
  const auto digits = name.substr(prefix.size());
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value > 0xff) {
    return std::nullopt;
  }
  return static_cast<uint8_t>(value);
}

uint8_t resolve_type(IpFamily family, const std::string& name) {
  if (auto number = generic_number(name, "type_")) return *number;
  for (const auto& entry : types_of(family)) {
    if (entry.name == name) return entry.type;
  }
  throw CodecError(std::string("bad ") + family_name(family) + " type '" + name + "'");
}

uint8_t resolve_code(IpFamily family, uint8_t type, const std::string& name) {
  if (auto number = generic_number(name, "code_")) return *number;
  if (const TypeName* entry = find_type(family, type)) {
    for (const auto& code : entry->codes) {
      if (code.name == name) return code.code;
    }
  }
  throw CodecError(std::string("bad ") + family_name(family) + " code '" + name + "' for type " +
                   icmp_type_name(family, type));
}

}  // namespace

IcmpTypeCode resolve_icmp_names(IpFamily family, const std::string& type_name,
                                const std::optional<std::string>& code_name) {
  IcmpTypeCode numbers;
  numbers.type = resolve_type(family, type_name);
  if (code_name) numbers.code = resolve_code(family, numbers.type, *code_name);
  return numbers;
}

std::string icmp_type_name(IpFamily family, uint8_t type) {
  if (const TypeName* entry = find_type(family, type)) return std::string(entry->name);
  return "type_" + std::to_string(type);
}

std::optional<std::string> icmp_code_name(IpFamily family, uint8_t type, uint8_t code) {
  if (const TypeName* entry = find_type(family, type)) {
    for (const auto& known : entry->codes) {
      if (known.code == code) return std::string(known.name);
    }
  }
  if (code == 0) return std::nullopt;
  return "code_" + std::to_string(code);
}

}  // namespace tcpdrill::codec
