#pragma once

#include <cstdint>
#include <span>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

// Appends big-endian (network order) fields to a byte vector.
class ByteWriter {
 public:
  explicit ByteWriter(Bytes& out) : out_(out) {}

  void u8(uint8_t value) { out_.push_back(value); }
  void u16(uint16_t value) {
    u8(static_cast<uint8_t>(value >> 8));
    u8(static_cast<uint8_t>(value));
  }
  void u24(uint32_t value) {
    u8(static_cast<uint8_t>(value >> 16));
    u16(static_cast<uint16_t>(value));
  }
  void u32(uint32_t value) {
    u16(static_cast<uint16_t>(value >> 16));
    u16(static_cast<uint16_t>(value));
  }
  void bytes(std::span<const uint8_t> data) { out_.insert(out_.end(), data.begin(), data.end()); }
  void zeros(size_t count) { out_.insert(out_.end(), count, 0); }

  size_t size() const { return out_.size(); }

 private:
  Bytes& out_;
};

// Overwrites a 16-bit big-endian field already written, e.g. a checksum or length
// known only once the rest of the packet exists.
inline void store_u16(Bytes& bytes, size_t offset, uint16_t value) {
  bytes.at(offset) = static_cast<uint8_t>(value >> 8);
  bytes.at(offset + 1) = static_cast<uint8_t>(value);
}

}  // namespace tcpdrill::codec
