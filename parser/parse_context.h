#pragma once

#include <deque>
#include <string>
#include <string_view>

#include "parser/ast_packet.h"
#include "parser/script_parser.h"
#include "parser/source_location.h"

namespace tcpdrill::parser_detail {

// Everything one parse shares between the lexer and the grammar actions. One instance
// per parse_script() call: nothing is global, so scripts can be parsed in parallel.
class ParseContext {
 public:
  ParseContext(std::string path, std::string_view text, const Defines& command_line_defines);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  // -D defines; `--define` lines inside the script add to them, but a name given on
  // the command line keeps its command-line value (the command line wins, as in packetdrill).
  const std::string* find_define(std::string_view name) const;
  void define_in_script(const std::string& name, const std::string& value);

  // Keeps a token text that exists nowhere in the script (a -D number rewritten in
  // decimal) alive for the whole parse, as tokens are views.
  std::string_view keep_text(std::string text);

  [[noreturn]] void fail(SourceLocation where, const std::string& message) const;

  // The direction of the packet being parsed: grammar rules reduce left to right, so
  // rules inside a packet see the direction written at its start.
  ast::Direction packet_direction = ast::Direction::Inbound;

  // The text of the last token the lexer returned, quoted in syntax errors.
  std::string_view last_token_text;

 private:
  std::string path_;
  std::string_view text_;
  Defines command_line_defines_;
  Defines script_defines_;
  std::deque<std::string> kept_texts_;  // a deque never moves its elements
};

}  // namespace tcpdrill::parser_detail
