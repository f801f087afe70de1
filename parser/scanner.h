#pragma once

#include <memory>

#include "parse_context.h"
#include "parser/source_location.h"
#include "semantic_value.h"

namespace tcpdrill::parser_detail {

// A reentrant Flex scanner over one script's text (the rules are in script_lexer.l).
class Scanner {
 public:
  explicit Scanner(ParseContext& context);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // The next token's kind (a ScriptGrammar::token value or a character); its text or
  // value goes to `value` and where it starts to `start`.
  int next_token(SemanticValue& value, SourceLocation& start);

  // What the lexer carries between tokens; defined in script_lexer.l.
  struct State;

 private:
  std::unique_ptr<State> state_;
  void* flex_scanner_ = nullptr;
};

}  // namespace tcpdrill::parser_detail
