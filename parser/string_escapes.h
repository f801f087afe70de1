#pragma once

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
void advance_cursor(SourceLocation& cursor, std::string_view text);

}  // namespace tcpdrill::parser_detail
