#pragma once

#include <cstdint>
#include <span>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

inline constexpr size_t kTcpHeaderBytes = 20;  // without options
inline constexpr size_t kTcpChecksumOffset = 16;

// The TCP header (options as listed) and payload, with a zero checksum: the caller
// fills it in because it needs the IP pseudo-header. Throws CodecError on a wildcard
// window, `<...>`, a PSP encapsulation, or an options / payload error.
Bytes encode_tcp_segment(const ast::TcpSegment& segment, const ast::PortPair& ports);

struct DecodedTcpSegment {
  ast::TcpSegment segment;
  uint8_t data_offset_bytes = 0;
  uint8_t reserved_bits = 0;
};

// Reads a TCP header, its options and payload. The segment has ports, window and
// flags set; ack and urgent pointer only when their flag is set or the field is
// non-zero. Throws CodecError on truncation or a data offset outside 20..segment size.
DecodedTcpSegment decode_tcp_segment(std::span<const uint8_t> bytes);

}  // namespace tcpdrill::codec
