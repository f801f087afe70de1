#include "parser/script_parser.h"

#include "parse_context.h"
#include "parser/regular_file.h"
#include "parser/script_error.h"
#include "scanner.h"
#include "script_grammar.hpp"
#include "semantic_value.h"
#include "timeline_checks.h"

namespace tcpdrill {

namespace {

// find() is memchr, which unlike std::count is vectorised: counting costs next to nothing.
size_t count_lines(std::string_view text) {
  size_t lines = 1;
  for (size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) {
    ++lines;
  }
  return lines;
}

}  // namespace

ast::Script parse_script(const std::string& path, std::string_view text, const Defines& defines) {
  parser_detail::ParseContext context(path, text, defines);
  parser_detail::Scanner scanner(context);
  ast::Script script;
  script.path = path;
  // Most lines of a long script are events; growing the vector instead would move
  // every event several times.
  script.statements.reserve(count_lines(text));
  parser_detail::GrammarValueStore values;
  grammar::ScriptGrammar grammar(scanner, context, script, values);
  grammar.parse();
  parser_detail::check_timeline(script, context);
  return script;
}

ast::Script parse_script_file(const std::string& path, const Defines& defines) {
  std::string text;
  try {
    text = read_regular_file(path);
  } catch (const RegularFileError& error) {
    throw ScriptError(path, {}, error.kind().empty() ? "cannot read script: " + error.reason()
                                                     : "is " + error.kind() + ", not a script file");
  }
  return parse_script(path, text, defines);
}

}  // namespace tcpdrill
