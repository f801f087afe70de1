#include "runner/text_sanitize.h"

#include "parser/display_text.h"

namespace tcpdrill::runner {

std::string sanitize_text(std::string_view bytes) {
  std::string clean;
  clean.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if (c >= 0x20 || c == '\t' || c == '\n') clean += static_cast<char>(c);
      ++i;
      continue;
    }
    const std::optional<Utf8Character> character = decode_utf8(bytes, i);
    // XML 1.0 has no place for these two even escaped.
    if (!character || character->code_point == 0xFFFE || character->code_point == 0xFFFF) {
      clean += '?';
      ++i;
    } else {
      clean.append(bytes.substr(i, character->length));
      i += character->length;
    }
  }
  return clean;
}

}  // namespace tcpdrill::runner
