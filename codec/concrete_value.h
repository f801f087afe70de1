#pragma once

#include <optional>
#include <string>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

// The value of a field that may be the `*` wildcard. Wildcards only make sense when
// matching a packet; building bytes needs a real value, so a wildcard is an error here.
template <typename T>
T concrete_value(const std::optional<T>& value, const char* field) {
  if (!value) throw CodecError(std::string("cannot build a packet with a wildcard ") + field + " *");
  return *value;
}

}  // namespace tcpdrill::codec
