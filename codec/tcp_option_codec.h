#pragma once

#include <cstdint>
#include <span>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

namespace tcp_option_kind {
inline constexpr uint8_t kEndOfList = 0;
inline constexpr uint8_t kNop = 1;
inline constexpr uint8_t kMss = 2;
inline constexpr uint8_t kWindowScale = 3;
inline constexpr uint8_t kSackPermitted = 4;
inline constexpr uint8_t kSack = 5;
inline constexpr uint8_t kTimestamp = 8;
inline constexpr uint8_t kMd5 = 19;
inline constexpr uint8_t kFastOpen = 34;
inline constexpr uint8_t kAccEcnOrder0 = 172;
inline constexpr uint8_t kAccEcnOrder1 = 174;
inline constexpr uint8_t kExperimental = 254;  // RFC 6994; TFO used it before kind 34
}  // namespace tcp_option_kind

// Marks an experimental (kind 254) option as the pre-RFC 7413 fast open option.
inline constexpr uint16_t kFastOpenExperimentMagic = 0xF989;

// The TCP header's data offset field caps options at 60 - 20 bytes.
inline constexpr size_t kMaxTcpOptionBytes = 40;

// Appends the options byte for byte in list order; no padding is added. Throws
// CodecError on a wildcard or a value too large for its field, and when the options
// exceed 40 bytes or are not a multiple of 4.
void encode_tcp_options(const ast::TcpOptionList& options, Bytes& out);

// Decodes the options area of a TCP header. Well-formed options of known kinds become
// their typed option, everything else tcp_option::Generic, so the list re-encodes to
// the same bytes. Throws CodecError when an option's length byte is missing, below 2
// or runs past the end of the area.
ast::TcpOptionList decode_tcp_options(std::span<const uint8_t> bytes);

}  // namespace tcpdrill::codec
