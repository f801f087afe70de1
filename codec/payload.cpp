#include "codec/payload.h"

#include <cstring>
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
  // All bytes equal the first, and the first is zero: memcmp is vectorized, a byte loop
  // is not, and bulk segments are kilobytes of zeros.
  const bool all_zero = bytes.empty() || (bytes[0] == 0 && std::memcmp(bytes.data(), bytes.data() + 1,
                                                                      bytes.size() - 1) == 0);
  if (all_zero) return std::nullopt;
  return Bytes(bytes.begin(), bytes.end());
}

}  // namespace tcpdrill::codec
