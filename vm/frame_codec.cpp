#include "vm/frame_codec.h"

#include <boost/crc.hpp>

namespace tcpdrill::vm {
namespace {

void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

std::uint32_t get_u32(std::string_view bytes) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

}  // namespace

std::uint32_t crc32_of(std::string_view data) {
  boost::crc_32_type crc;
  crc.process_bytes(data.data(), data.size());
  return crc.checksum();
}

std::string encode_frame(std::string_view payload) {
  std::string frame(kFrameMagic);
  put_u32(frame, static_cast<std::uint32_t>(payload.size()));
  put_u32(frame, crc32_of(payload));
  frame.append(payload);
  return frame;
}

void FrameDecoder::feed(const char* data, std::size_t size) { buffer_.append(data, size); }

std::optional<std::string> FrameDecoder::next() {
  while (true) {
    const std::size_t magic = buffer_.find(kFrameMagic);
    if (magic == std::string::npos) {
      // Keep a tail that may be the start of a magic split across reads.
      const std::size_t keep = std::min(buffer_.size(), kFrameMagic.size() - 1);
      discarded_ += buffer_.size() - keep;
      buffer_.erase(0, buffer_.size() - keep);
      return std::nullopt;
    }
    discarded_ += magic;
    buffer_.erase(0, magic);
    if (buffer_.size() < kFrameHeaderSize) return std::nullopt;
    const std::string_view view(buffer_);
    const std::uint32_t length = get_u32(view.substr(4, 4));
    const std::uint32_t crc = get_u32(view.substr(8, 4));
    if (length > kMaxFramePayload) {
      discarded_ += 1;
      buffer_.erase(0, 1);
      continue;
    }
    if (buffer_.size() < kFrameHeaderSize + length) return std::nullopt;
    std::string payload = buffer_.substr(kFrameHeaderSize, length);
    if (crc32_of(payload) != crc) {
      // A corrupt or false magic: skip past it and look for the next one.
      discarded_ += 1;
      buffer_.erase(0, 1);
      continue;
    }
    buffer_.erase(0, kFrameHeaderSize + length);
    return payload;
  }
}

}  // namespace tcpdrill::vm
