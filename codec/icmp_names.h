#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

struct IcmpTypeCode {
  uint8_t type = 0;
  uint8_t code = 0;
  friend bool operator==(const IcmpTypeCode&, const IcmpTypeCode&) = default;
};

// The numbers of a script's ICMP type and code names for the address family: a name
// from the family's table (`unreachable`, `port_unreachable`) or the generic `type_N`
// / `code_N`; no code means 0. Throws CodecError on a name the family does not know.
IcmpTypeCode resolve_icmp_names(IpFamily family, const std::string& type_name,
                                const std::optional<std::string>& code_name);

// The script names of wire numbers: the table's name, else `type_N`. A code prints
// by name when the type's table has it, not at all when it is 0, else as `code_N`.
std::string icmp_type_name(IpFamily family, uint8_t type);
std::optional<std::string> icmp_code_name(IpFamily family, uint8_t type, uint8_t code);

}  // namespace tcpdrill::codec
