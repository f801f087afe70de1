#include "parser/display_text.h"

#include <cstdio>

namespace tcpdrill {
namespace {

constexpr std::string_view kEllipsis = "…";

bool is_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

bool printable(uint32_t code) {
  if (code == '\t' || code == '\n') return true;
  return code >= 0x20 && code != 0x7F && !(code >= 0x80 && code <= 0x9F);
}

}  // namespace

std::optional<Utf8Character> decode_utf8(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return Utf8Character{1, lead};
  std::size_t length = 0;
  uint32_t code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, code = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, code = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, code = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (at + length > text.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    if (!is_continuation(text[at + k])) return std::nullopt;
    code = (code << 6) | (byte(at + k) & 0x3F);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  if (overlong || surrogate || code > 0x10FFFF) return std::nullopt;
  return Utf8Character{length, code};
}

DisplayCharacter display_character_at(std::string_view line, std::size_t at) {
  std::size_t end = at + 1;
  while (end < line.size() && is_continuation(line[end])) ++end;
  const std::string_view bytes = line.substr(at, end - at);
  const std::optional<Utf8Character> character = decode_utf8(bytes, 0);
  if (character && character->length == bytes.size() && printable(character->code_point)) {
    return {bytes, false, 1};
  }
  return {bytes, true, 4 * bytes.size()};
}

std::size_t previous_character_start(std::string_view line, std::size_t end) {
  std::size_t start = end - 1;
  while (start > 0 && is_continuation(line[start])) --start;
  return start;
}

void DisplayCharacter::append_to(std::string& shown) const {
  if (!escaped) {
    shown += bytes;
    return;
  }
  for (char byte : bytes) {
    char escape[5];
    std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned char>(byte));
    shown += escape;
  }
}

std::size_t display_width(std::string_view line) {
  std::size_t width = 0;
  for (std::size_t at = 0; at < line.size();) {
    const DisplayCharacter character = display_character_at(line, at);
    width += character.width;
    at += character.bytes.size();
  }
  return width;
}

std::string escape_control_bytes(std::string_view text) {
  std::string shown;
  shown.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const DisplayCharacter character = display_character_at(text, at);
    character.append_to(shown);
    at += character.bytes.size();
  }
  return shown;
}

std::string bounded_line(std::string_view line, std::size_t columns) {
  if (display_width(line) <= columns) return escape_control_bytes(line);
  // The start says what went wrong; the end often says what was expected.
  const std::size_t head_columns = (columns - 1) * 3 / 4;
  const std::size_t tail_columns = columns - 1 - head_columns;
  std::string shown;
  std::size_t head_end = 0;
  for (std::size_t used = 0; head_end < line.size();) {
    const DisplayCharacter character = display_character_at(line, head_end);
    if (used + character.width > head_columns) break;
    used += character.width;
    character.append_to(shown);
    head_end += character.bytes.size();
  }
  std::size_t tail_start = line.size();
  for (std::size_t used = 0; tail_start > head_end;) {
    const std::size_t start = previous_character_start(line, tail_start);
    const std::size_t width = display_character_at(line, start).width;
    if (used + width > tail_columns) break;
    used += width;
    tail_start = start;
  }
  shown += kEllipsis;
  shown += escape_control_bytes(line.substr(tail_start));
  return shown;
}

}  // namespace tcpdrill
