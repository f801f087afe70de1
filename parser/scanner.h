#pragma once

#include <memory>

#include "parse_context.h"
#include "script_grammar.hpp"

namespace tcpdrill::parser_detail {

// A reentrant Flex scanner over one script's text (the rules are in script_lexer.l).
class Scanner {
 public:
  explicit Scanner(ParseContext& context);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  grammar::ScriptGrammar::symbol_type next_token();

  // What the lexer carries between tokens; defined in script_lexer.l.
  struct State;

 private:
  std::unique_ptr<State> state_;
  void* flex_scanner_ = nullptr;
};

}  // namespace tcpdrill::parser_detail
