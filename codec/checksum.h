#pragma once

#include <cstdint>
#include <span>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

// The RFC 1071 internet checksum, accumulated over any number of pieces (pseudo-header,
// header, payload) as if they were one contiguous buffer, odd lengths included.
class ChecksumAccumulator {
 public:
  void add(std::span<const uint8_t> bytes);
  void add_u16(uint16_t value);
  void add_u32(uint32_t value);
  // The one's complement of the folded sum: the value to store in a checksum field,
  // or 0 when the covered bytes already include a correct checksum.
  uint16_t finish() const;

 private:
  uint64_t sum_ = 0;
  bool odd_ = false;  // an odd number of bytes so far: the next byte is a low byte
};

uint16_t internet_checksum(std::span<const uint8_t> bytes);

// The TCP / UDP / ICMPv6 checksum of `segment` under the IPv4 or IPv6 pseudo-header
// (family taken from `source`). 0 over a segment whose checksum field is filled in
// means the checksum is correct.
uint16_t transport_checksum(const IpAddress& source, const IpAddress& destination,
                            uint8_t protocol, std::span<const uint8_t> segment);

}  // namespace tcpdrill::codec
