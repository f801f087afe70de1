#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tcpdrill {

// Script text is arbitrary bytes -- a binary file, a 5 MB line -- but what tcpdrill
// prints of it goes to terminals and reports: bounded, and never a raw control byte.

// Lines of a diagnostic (the quoted source, a message) are held to this many columns.
inline constexpr std::size_t kDisplayColumns = 200;

struct Utf8Character {
  std::size_t length;  // bytes
  uint32_t code_point;
};
// The valid UTF-8 sequence starting at text[at] (ASCII included); nullopt when the bytes
// there are not one (overlong, surrogate, truncated, a stray continuation byte).
std::optional<Utf8Character> decode_utf8(std::string_view text, std::size_t at);

// One column of a line as the lexer counts them (a byte that is not a UTF-8 continuation
// byte, with the continuation bytes after it), as a terminal should show it: printable
// UTF-8 as it is, anything else -- control characters but tab and newline, DEL, C1
// controls, invalid UTF-8 -- byte by byte as `\xHH`.
struct DisplayCharacter {
  std::string_view bytes;
  bool escaped;
  std::size_t width;  // columns shown (a wide character counts one, as the lexer does)
  void append_to(std::string& shown) const;
};
// The character that starts at line[at], and where the one before line[end] starts.
DisplayCharacter display_character_at(std::string_view line, std::size_t at);
std::size_t previous_character_start(std::string_view line, std::size_t end);
std::size_t display_width(std::string_view line);

// `text` with every character as display_character_at shows it.
std::string escape_control_bytes(std::string_view text);

// One line in at most `columns` columns: a longer one keeps its start and its end with
// "…" in place of the middle. Control bytes are escaped.
std::string bounded_line(std::string_view line, std::size_t columns = kDisplayColumns);

}  // namespace tcpdrill
