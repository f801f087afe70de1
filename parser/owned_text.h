#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tcpdrill::parser_detail {

// The AST's copy of an optional token text: token texts are views that end with the parse.
inline std::optional<std::string> owned(std::optional<std::string_view> text) {
  if (!text) return std::nullopt;
  return std::string(*text);
}

}  // namespace tcpdrill::parser_detail
