#include "codec/byte_reader.h"

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

void ByteReader::require(size_t count) const {
  if (count > remaining()) {
    throw CodecError("truncated " + what_ + ": need " + std::to_string(count) +
                     " more bytes at offset " + std::to_string(offset_) + ", only " +
                     std::to_string(remaining()) + " left");
  }
}

uint8_t ByteReader::peek_u8() const {
  require(1);
  return bytes_[offset_];
}

uint8_t ByteReader::u8() {
  uint8_t value = peek_u8();
  ++offset_;
  return value;
}

uint16_t ByteReader::u16() {
  require(2);
  uint16_t value = static_cast<uint16_t>(bytes_[offset_] << 8 | bytes_[offset_ + 1]);
  offset_ += 2;
  return value;
}

uint32_t ByteReader::u24() {
  require(3);
  uint32_t high = u8();
  return high << 16 | u16();
}

uint32_t ByteReader::u32() {
  require(4);
  uint32_t high = u16();
  return high << 16 | u16();
}

std::span<const uint8_t> ByteReader::bytes(size_t count) {
  require(count);
  auto span = bytes_.subspan(offset_, count);
  offset_ += count;
  return span;
}

}  // namespace tcpdrill::codec
