#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parser/ast_packet.h"

namespace tcpdrill::runtime::packet {

// An option as the bytes it occupies on the wire, with the bytes a `*` wildcard
// stands for marked, so that typed and generic (<kind K len L 0x..>) options compare
// alike, byte for byte, as packetdrill compares them.
struct TcpOptionImage {
  uint8_t kind = 0;
  std::optional<uint8_t> length;  // nullopt: `sack *`, any length
  std::vector<uint8_t> value;     // the bytes after kind and length
  std::vector<bool> wildcard;     // per byte of `value`

  // "bad length" / "bad value" as packetdrill words it, or nullopt when they match.
  static std::optional<std::string_view> difference(const TcpOptionImage& script,
                                                    const TcpOptionImage& actual);
};

TcpOptionImage tcp_option_image(const ast::TcpOption& option);

// Wire size in bytes; a wildcard-length option takes `fallback`.
uint32_t tcp_option_size(const ast::TcpOption& option, uint32_t fallback);

}  // namespace tcpdrill::runtime::packet
