#include "codec/payload.h"

#include <algorithm>
#include <string>

namespace tcpdrill::codec {

void write_payload(const std::optional<Bytes>& payload, uint32_t length, ByteWriter& write) {
  if (!payload) {
    write.zeros(length);
    return;
  }
  if (payload->size() != length) {
    throw CodecError("payload has " + std::to_string(payload->size()) +
                     " bytes but the packet says " + std::to_string(length));
  }
  write.bytes(*payload);
}

std::optional<Bytes> payload_if_nonzero(std::span<const uint8_t> bytes) {
  if (std::all_of(bytes.begin(), bytes.end(), [](uint8_t byte) { return byte == 0; })) {
    return std::nullopt;
  }
  return Bytes(bytes.begin(), bytes.end());
}

}  // namespace tcpdrill::codec
