#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "number_conversion.h"
#include "parse_context.h"
#include "parser/ast_packet.h"

namespace tcpdrill::parser_detail {

// An option value that may be the `*` wildcard (nullopt), range-checked to T.
template <typename T>
std::optional<T> narrow_option_value(std::optional<int64_t> value, SourceLocation where,
                                     const ParseContext& context, const char* out_of_range) {
  if (!value) return std::nullopt;
  return static_cast<T>(check_range(*value, 0, std::numeric_limits<T>::max(), where, context,
                                    out_of_range));
}

// ECN e0b N [ceb N [e1b N]] (order 0) or ECN e1b N [ceb N [e0b N]] (order 1).
ast::tcp_option::AccEcn make_accecn(uint8_t order, std::vector<std::optional<int64_t>> counters,
                                    SourceLocation where, const ParseContext& context);

// <kind K [len L] [0xDATA]>.
ast::tcp_option::Generic make_generic_option(std::string_view keyword, SourceLocation keyword_at,
                                             int64_t kind, SourceLocation kind_at,
                                             std::optional<int64_t> length, ast::Bytes data,
                                             const ParseContext& context);

// A word in an option list that names no option.
[[noreturn]] void unknown_tcp_option(std::string_view name, SourceLocation where,
                                     const ParseContext& context);

}  // namespace tcpdrill::parser_detail
