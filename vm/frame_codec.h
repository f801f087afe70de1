#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tcpdrill::vm {

// Host and guest talk over a serial port: a byte stream with no message boundaries that
// the guest kernel may also write text into (a driver's warning, a panic). Each message
// is therefore framed as
//   magic "\x7fTDF" | payload length (u32 LE) | CRC-32 of the payload (u32 LE) | payload
// and a reader resynchronises on the magic, so stray bytes cost only themselves.
inline constexpr std::string_view kFrameMagic{"\x7fTDF", 4};
inline constexpr std::size_t kFrameHeaderSize = 12;
// A test's output is capped at 8 MiB per stream by the runner; captures add some more.
inline constexpr std::uint32_t kMaxFramePayload = 64u << 20;

std::string encode_frame(std::string_view payload);

// Accumulates bytes and yields whole, intact payloads in order.
class FrameDecoder {
 public:
  void feed(const char* data, std::size_t size);
  // The next intact payload, if one is complete.
  std::optional<std::string> next();
  // Bytes dropped so far because they were not part of an intact frame.
  std::size_t discarded_bytes() const { return discarded_; }

 private:
  std::string buffer_;
  std::size_t discarded_ = 0;
};

std::uint32_t crc32_of(std::string_view data);

}  // namespace tcpdrill::vm
