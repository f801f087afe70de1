#pragma once

#include <string_view>

#include "parse_context.h"
#include "parser/ast_expression.h"

namespace tcpdrill::parser_detail {

// 42, 0x2a, -42: `hex` records how it was written, as some slots demand hex.
ast::Expression make_integer_literal(std::string_view text, SourceLocation where, bool hex,
                                     const ParseContext& context);

// a | b | c as one flat BitwiseOr, so long chains do not nest.
ast::Expression make_bitwise_or(ast::Expression left, ast::Expression right);

// msg_iov(1)=[...] and msg_name(...)=...: a call-shaped field name whose single argument
// is the element count (`...` leaves it unspecified).
ast::Expression make_counted_field(ast::FunctionCall name, SourceLocation where,
                                   ast::Expression value, const ParseContext& context);

}  // namespace tcpdrill::parser_detail
