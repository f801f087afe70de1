#include "codec/icmp_names.h"

#include <span>
#include <string_view>

#include "parser/icmp_names.h"

namespace tcpdrill::codec {
namespace {

std::span<const IcmpTypeName> types_of(IpFamily family) {
  return icmp_type_names(family == IpFamily::V4 ? IcmpVersion::V4 : IcmpVersion::V6);
}

const char* family_name(IpFamily family) { return family == IpFamily::V4 ? "ICMPv4" : "ICMPv6"; }

const IcmpTypeName* find_type(IpFamily family, uint8_t type) {
  for (const auto& entry : types_of(family)) {
    if (entry.type == type) return &entry;
  }
  return nullptr;
}

uint8_t resolve_type(IpFamily family, const std::string& name) {
  if (auto number = generic_icmp_number(name, "type_")) return *number;
  for (const auto& entry : types_of(family)) {
    if (entry.name == name) return entry.type;
  }
  throw CodecError(std::string("bad ") + family_name(family) + " type '" + name + "'");
}

uint8_t resolve_code(IpFamily family, uint8_t type, const std::string& name) {
  if (auto number = generic_icmp_number(name, "code_")) return *number;
  if (const IcmpTypeName* entry = find_type(family, type)) {
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
  if (const IcmpTypeName* entry = find_type(family, type)) return std::string(entry->name);
  return "type_" + std::to_string(type);
}

std::optional<std::string> icmp_code_name(IpFamily family, uint8_t type, uint8_t code) {
  if (const IcmpTypeName* entry = find_type(family, type)) {
    for (const auto& known : entry->codes) {
      if (known.code == code) return std::string(known.name);
    }
  }
  if (code == 0) return std::nullopt;
  return "code_" + std::to_string(code);
}

}  // namespace tcpdrill::codec
