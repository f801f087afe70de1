#include "string_escapes.h"

#include <cctype>

namespace tcpdrill::parser_detail {

namespace {

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string decode_string_literal(std::string_view body, SourceLocation body_start,
                                  const ParseContext& context) {
  std::string bytes;
  bytes.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\') {
      bytes += body[i];
      continue;
    }
    auto fail_here = [&](const std::string& message) {
      SourceLocation where = body_start;
      advance_cursor(where, body.substr(0, i));
      context.fail(where, message);
    };
    if (i + 1 == body.size()) fail_here("unsupported escape code: '\\'");
    char code = body[++i];
    switch (code) {
      case 'n': bytes += '\n'; break;
      case 'r': bytes += '\r'; break;
      case 't': bytes += '\t'; break;
      case 'v': bytes += '\v'; break;
      case 'f': bytes += '\f'; break;
      case '\\': bytes += '\\'; break;
      case '"': bytes += '"'; break;
      case 'x': {
        int high = i + 1 < body.size() ? hex_digit_value(body[i + 1]) : -1;
        int low = i + 2 < body.size() ? hex_digit_value(body[i + 2]) : -1;
        if (high < 0 || low < 0) {
          --i;
          fail_here("\\x escape needs two hex digits");
        }
        bytes += static_cast<char>(high * 16 + low);
        i += 2;
        break;
      }
      default:
        --i;
        fail_here(std::string("unsupported escape code: '\\") + code + "'");
    }
  }
  return bytes;
}

}  // namespace tcpdrill::parser_detail
