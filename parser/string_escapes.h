#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "parse_context.h"

namespace tcpdrill::parser_detail {

// Decodes the body of a "..." literal: \n \r \t \v \f \xHH like packetdrill, plus
// backslash-backslash and backslash-quote (which packetdrill mis-decodes to a form feed). Any other escape is an error
// located at its backslash; `body_start` is the position of the first body character.
std::string decode_string_literal(std::string_view body, SourceLocation body_start,
                                  const ParseContext& context);

// Moves `cursor` over `text`, counting lines and UTF-8 characters (not bytes) as columns.
// Inline because the lexer runs it over every token; the counts are kept in locals, since
// a store through `cursor` might change the text as far as the compiler knows.
inline void advance_cursor(SourceLocation& cursor, std::string_view text) {
  uint32_t line = cursor.line, column = cursor.column;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      // UTF-8 continuation bytes belong to the previous character.
      column += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
  }
  cursor = {line, column};
}

}  // namespace tcpdrill::parser_detail
