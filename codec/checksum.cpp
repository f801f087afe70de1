#include "codec/checksum.h"

#include <arpa/inet.h>

#include <cstring>

namespace tcpdrill::codec {

void ChecksumAccumulator::add(std::span<const uint8_t> bytes) {
  size_t i = 0;
  if (odd_ && !bytes.empty()) {
    sum_ += bytes[i++];
    odd_ = false;
  }
  // Whole 32-bit words first: 2^16 = 1 in one's-complement arithmetic, so a word adds
  // the same as its two halves, and the loop does half the iterations.
  for (; i + 3 < bytes.size(); i += 4) {
    uint32_t word;
    std::memcpy(&word, bytes.data() + i, sizeof word);
    sum_ += ntohl(word);
  }
  for (; i + 1 < bytes.size(); i += 2) sum_ += static_cast<uint32_t>(bytes[i] << 8 | bytes[i + 1]);
  if (i < bytes.size()) {
    sum_ += static_cast<uint32_t>(bytes[i]) << 8;
    odd_ = true;
  }
}

void ChecksumAccumulator::add_u16(uint16_t value) {
  const uint8_t bytes[] = {static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value)};
  add(bytes);
}

void ChecksumAccumulator::add_u32(uint32_t value) {
  add_u16(static_cast<uint16_t>(value >> 16));
  add_u16(static_cast<uint16_t>(value));
}

uint16_t ChecksumAccumulator::finish() const {
  uint64_t sum = sum_;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

uint16_t internet_checksum(std::span<const uint8_t> bytes) {
  ChecksumAccumulator checksum;
  checksum.add(bytes);
  return checksum.finish();
}

uint16_t transport_checksum(const IpAddress& source, const IpAddress& destination,
                            uint8_t protocol, std::span<const uint8_t> segment) {
  const size_t address_size = source.family == IpFamily::V4 ? 4 : 16;
  ChecksumAccumulator checksum;
  checksum.add(std::span(source.bytes).first(address_size));
  checksum.add(std::span(destination.bytes).first(address_size));
  // Both pseudo-headers sum to the same words: a zero byte next to the protocol, and the
  // segment length (16 bits in IPv4, 32 in IPv6, whose high half is zero here).
  checksum.add_u16(protocol);
  checksum.add_u32(static_cast<uint32_t>(segment.size()));
  checksum.add(segment);
  return checksum.finish();
}

}  // namespace tcpdrill::codec
