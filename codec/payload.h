#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "codec/byte_writer.h"

namespace tcpdrill::codec {

// Writes the script's payload bytes, or `length` zeros when the script gave none
// (packetdrill's only kind of payload).
void write_payload(const std::optional<Bytes>& payload, uint32_t length, ByteWriter& write);

// Payload bytes as a decoded packet keeps them: only when some byte is non-zero, so the
// common all-zero payload reads back as "no bytes given".
std::optional<Bytes> payload_if_nonzero(std::span<const uint8_t> bytes);

}  // namespace tcpdrill::codec
