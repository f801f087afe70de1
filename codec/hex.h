#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace tcpdrill::codec {

// Lower-case hex digits, two per byte, no prefix: "00ff12".
std::string to_hex(std::span<const uint8_t> bytes);

}  // namespace tcpdrill::codec
