#include "number_conversion.h"

#include <charconv>
#include <optional>
#include <string>

namespace tcpdrill::parser_detail {

namespace {

// Up to 18 decimal digits cannot overflow: the numbers of nearly every script, read
// without from_chars' general machinery. Anything else is left to it.
std::optional<int64_t> parse_short_decimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

int64_t parse_integer(std::string_view text, SourceLocation where, const ParseContext& context) {
  if (std::optional<int64_t> value = parse_short_decimal(text)) return *value;
  bool negative = !text.empty() && text.front() == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    digits.remove_prefix(2);
    base = 16;
  }
  uint64_t magnitude = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (digits.empty() || end != digits.data() + digits.size()) {
    context.fail(where, "invalid integer '" + std::string(text) + "'");
  }
  constexpr uint64_t max_magnitude = static_cast<uint64_t>(INT64_MAX);
  if (error == std::errc::result_out_of_range || magnitude > max_magnitude + (negative ? 1 : 0)) {
    context.fail(where, "integer out of range: " + std::string(text));
  }
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

int64_t check_range(int64_t value, int64_t min, int64_t max, SourceLocation where,
                    const ParseContext& context, const char* message) {
  if (value < min || value > max) context.fail(where, message);
  return value;
}

int64_t parse_seconds_as_usecs(std::string_view text, SourceLocation where,
                               const ParseContext& context) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  constexpr int64_t max_seconds = INT64_MAX / 1'000'000 - 1;
  int64_t seconds = whole.empty() ? 0 : parse_integer(whole, where, context);
  if (seconds > max_seconds) context.fail(where, "time out of range: " + std::string(text));
  int64_t usecs = 0;
  for (size_t i = 0; i < 6; ++i) {
    usecs = usecs * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  }
  return seconds * 1'000'000 + usecs;
}

ast::Bytes parse_hex_blob(std::string_view text, SourceLocation where, const ParseContext& context,
                          const char* what) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
  if (text.size() % 2 != 0) {
    context.fail(where, std::string(what) + " has an odd number of digits");
  }
  ast::Bytes bytes;
  bytes.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    uint8_t byte = 0;
    auto [end, error] = std::from_chars(text.data() + i, text.data() + i + 2, byte, 16);
    if (error != std::errc() || end != text.data() + i + 2) {
      context.fail(where, std::string(what) + " is not hexadecimal: " + std::string(text));
    }
    bytes.push_back(byte);
  }
  return bytes;
}

}  // namespace tcpdrill::parser_detail
