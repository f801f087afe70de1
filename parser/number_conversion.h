#pragma once

#include <cstdint>
#include <string_view>

#include "parse_context.h"
#include "parser/ast_packet.h"

namespace tcpdrill::parser_detail {

// Numbers arrive from the lexer as text so that overflow is an error at the number,
// never a silent wraparound, and so that digit strings can also serve as hex blobs.

// Decimal or 0x-hex, with an optional leading '-'.
int64_t parse_integer(std::string_view text, SourceLocation where, const ParseContext& context);

// Fails with `message` unless min <= value <= max.
int64_t check_range(int64_t value, int64_t min, int64_t max, SourceLocation where,
                    const ParseContext& context, const char* message);

// "1", "0.25", ".1" seconds -> microseconds, exactly (digits past the sixth decimal are
// dropped, as packetdrill's conversion does).
int64_t parse_seconds_as_usecs(std::string_view text, SourceLocation where,
                               const ParseContext& context);

// "3021b9d8" or "0x3021b9d8" -> bytes. `what` names the blob in errors, e.g.
// "TCP fast open cookie has an odd number of digits".
ast::Bytes parse_hex_blob(std::string_view text, SourceLocation where, const ParseContext& context,
                          const char* what);

}  // namespace tcpdrill::parser_detail
