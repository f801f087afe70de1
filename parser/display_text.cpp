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

DisplayCharacter display_character(std::string_view bytes) {
  const std::optional<Utf8Character> character = decode_utf8(bytes, 0);
  if (character && character->length == bytes.size() && printable(character->code_point)) {
    return {std::string(bytes), 1};
  }
  DisplayCharacter escaped{"", 0};
  for (char byte : bytes) {
    char escape[5];
    std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned char>(byte));
    escaped.shown += escape;
    escaped.width += 4;
  }
  return escaped;
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

std::vector<DisplayCharacter> display_characters(std::string_view line) {
  std::vector<DisplayCharacter> characters;
  for (std::size_t at = 0; at < line.size();) {
    std::size_t end = at + 1;
    while (end < line.size() && is_continuation(line[end])) ++end;
    characters.push_back(display_character(line.substr(at, end - at)));
    at = end;
  }
  return characters;
}

std::string escape_control_bytes(std::string_view text) {
  std::string shown;
  shown.reserve(text.size());
  for (const DisplayCharacter& character : display_characters(text)) shown += character.shown;
  return shown;
}

std::string bounded_line(std::string_view line, std::size_t columns) {
  const std::vector<DisplayCharacter> characters = display_characters(line);
  std::size_t width = 0;
  for (const DisplayCharacter& character : characters) width += character.width;
  std::string shown;
  if (width <= columns) {
    for (const DisplayCharacter& character : characters) shown += character.shown;
    return shown;
  }
  // The start says what went wrong; the end often says what was expected.
  const std::size_t head_columns = (columns - 1) * 3 / 4;
  const std::size_t tail_columns = columns - 1 - head_columns;
  std::size_t head = 0;
  for (std::size_t used = 0; head < characters.size() && used + characters[head].width <= head_columns; ++head) {
    used += characters[head].width;
    shown += characters[head].shown;
  }
  std::size_t tail = characters.size();
  for (std::size_t used = 0; tail > head && used + characters[tail - 1].width <= tail_columns; --tail) {
    used += characters[tail - 1].width;
  }
  shown += kEllipsis;
  for (std::size_t i = tail; i < characters.size(); ++i) shown += characters[i].shown;
  return shown;
}

}  // namespace tcpdrill
