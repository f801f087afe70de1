#pragma once

#include <cstdint>
#include <span>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

inline constexpr size_t kUdpHeaderBytes = 8;
inline constexpr size_t kUdpChecksumOffset = 6;

// The UDP header and payload with a zero checksum, filled in by the caller.
Bytes encode_udp_datagram(const ast::UdpDatagram& datagram, const ast::PortPair& ports);

struct DecodedUdpDatagram {
  ast::UdpDatagram datagram;  // ports always set
  uint16_t length = 0;        // the header's length field
};

// Reads a UDP header and the payload its length field covers. Throws CodecError on
// truncation or a length field outside 8..bytes.size().
DecodedUdpDatagram decode_udp_datagram(std::span<const uint8_t> bytes);

}  // namespace tcpdrill::codec
