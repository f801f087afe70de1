#include "parser/diagnostic.h"

#include <optional>
#include <string>

#include "parser/display_text.h"

namespace tcpdrill {

namespace {

constexpr std::string_view kEllipsis = "…";

// The 1-based line `number` of `source`, without its newline.
std::optional<std::string_view> find_line(std::string_view source, uint32_t number) {
  if (number == 0) return std::nullopt;
  size_t start = 0;
  for (uint32_t line = 1; line < number; ++line) {
    start = source.find('\n', start);
    if (start == std::string_view::npos) return std::nullopt;
    ++start;
  }
  std::string_view line = source.substr(start);
  line = line.substr(0, line.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

struct QuotedLine {
  std::string shown;
  std::string caret_indent;
};

// The part of a line that fits the terminal around `column` (counted in characters, as
// the lexer counts), "…" where it was cut, and the blanks that put the caret under that
// column: tabs stay tabs so that the terminal expands both lines alike. Only the quoted
// window is looked at character by character; a 5 MB line costs one pass to measure.
QuotedLine quote_around(std::string_view line, uint32_t column) {
  const std::size_t caret = column > 0 ? column - 1 : 0;
  std::size_t caret_at = 0;
  std::size_t before_caret = 0;
  for (; before_caret < caret && caret_at < line.size(); ++before_caret) {
    caret_at += display_character_at(line, caret_at).bytes.size();
  }
  std::size_t begin = 0;
  std::size_t end = line.size();
  if (display_width(line) > kDisplayColumns) {
    // Room for the ellipses on both sides; half of the rest before the caret, then
    // whatever is left on either side.
    const std::size_t budget = kDisplayColumns - 2;
    std::size_t used = 0;
    begin = end = caret_at;
    auto grow_left = [&](std::size_t limit) {
      while (begin > 0) {
        const std::size_t start = previous_character_start(line, begin);
        const std::size_t width = display_character_at(line, start).width;
        if (used + width > limit) return;
        used += width;
        begin = start;
      }
    };
    grow_left(budget / 2);
    while (end < line.size()) {
      const DisplayCharacter character = display_character_at(line, end);
      if (used + character.width > budget) break;
      used += character.width;
      end += character.bytes.size();
    }
    grow_left(budget);
  }
  QuotedLine quoted;
  if (begin > 0) {
    quoted.shown += kEllipsis;
    quoted.caret_indent += ' ';
  }
  for (std::size_t at = begin; at < end;) {
    const DisplayCharacter character = display_character_at(line, at);
    character.append_to(quoted.shown);
    if (at < caret_at) {
      quoted.caret_indent += character.bytes == "\t" ? std::string("\t") : std::string(character.width, ' ');
    }
    at += character.bytes.size();
  }
  if (end < line.size()) quoted.shown += kEllipsis;
  quoted.caret_indent.append(caret - before_caret, ' ');
  return quoted;
}

}  // namespace

std::string format_diagnostic(const ScriptError& error, std::string_view source) {
  SourceLocation where = error.where();
  std::string header = error.file();
  if (where.line != 0) {
    header += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  }
  header += ": error: ";
  header += error.what();
  // A message may span lines (a packet and the one expected); each is held in bounds.
  std::string text;
  for (std::size_t start = 0; start <= header.size();) {
    std::size_t end = header.find('\n', start);
    if (end == std::string::npos) end = header.size();
    text += bounded_line(std::string_view(header).substr(start, end - start)) + "\n";
    start = end + 1;
  }
  std::optional<std::string_view> line = find_line(source, where.line);
  if (!line) return text;
  const QuotedLine quoted = quote_around(*line, where.column);
  std::string number = std::to_string(where.line);
  std::string gutter(number.size(), ' ');
  text += " " + number + " | " + quoted.shown + "\n";
  text += " " + gutter + " | " + quoted.caret_indent + "^\n";
  return text;
}

}  // namespace tcpdrill
