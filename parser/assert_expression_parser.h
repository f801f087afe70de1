#pragma once

#include <string_view>

#include "parse_context.h"
#include "parser/ast_event.h"

namespace tcpdrill::parser_detail {

// Parses the condition of `assert`, the rest of its line:
//   tcpi_snd_cwnd == 10 && tcpi_reordering >= 3
// with C precedence for || && == != < <= > >= + - * / % and unary ! -. It has its own
// small parser because the condition ends at the end of the line, while in the rest of
// the language newlines are blanks (`+0` on the next line would read as "+ 0").
ast::Assertion parse_assertion(std::string_view text, SourceLocation where,
                               const ParseContext& context);

}  // namespace tcpdrill::parser_detail
