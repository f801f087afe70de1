#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>

namespace tcpdrill::codec {

// Reads big-endian fields from untrusted bytes. Every read is bounds-checked: running
// past the end throws CodecError naming `what` is being read, so a malformed packet
// can never cause an out-of-bounds access.
class ByteReader {
 public:
  ByteReader(std::span<const uint8_t> bytes, std::string what)
      : bytes_(bytes), what_(std::move(what)) {}

  uint8_t u8();
  uint16_t u16();
  uint32_t u24();
  uint32_t u32();
  std::span<const uint8_t> bytes(size_t count);
  void skip(size_t count) { bytes(count); }

  // The next byte without consuming it.
  uint8_t peek_u8() const;

  // The unread bytes, without consuming them.
  std::span<const uint8_t> rest() const { return bytes_.subspan(offset_); }
  size_t remaining() const { return bytes_.size() - offset_; }
  size_t offset() const { return offset_; }

 private:
  void require(size_t count) const;

  std::span<const uint8_t> bytes_;
  std::string what_;
  size_t offset_ = 0;
};

}  // namespace tcpdrill::codec
