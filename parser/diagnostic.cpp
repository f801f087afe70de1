#include "parser/diagnostic.h"

#include <optional>
#include <string>

namespace tcpdrill {

namespace {

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

// Blanks that line the caret up under `column` (counted in UTF-8 characters, like the
// lexer counts), keeping tabs so that the terminal expands them the same way.
std::string caret_indent(std::string_view line, uint32_t column) {
  std::string indent;
  uint32_t current = 1;
  for (char c : line) {
    if (current >= column) break;
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
    indent += c == '\t' ? '\t' : ' ';
    ++current;
  }
  indent.append(column > current ? column - current : 0, ' ');
  return indent;
}

}  // namespace

std::string format_diagnostic(const ScriptError& error, std::string_view source) {
  SourceLocation where = error.where();
  std::string text = error.file();
  if (where.line != 0) {
    text += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  }
  text += ": error: ";
  text += error.what();
  text += '\n';
  std::optional<std::string_view> line = find_line(source, where.line);
  if (!line) return text;
  std::string number = std::to_string(where.line);
  std::string gutter(number.size(), ' ');
  text += " " + number + " | " + std::string(*line) + "\n";
  text += " " + gutter + " | " + caret_indent(*line, where.column) + "^\n";
  return text;
}

}  // namespace tcpdrill
