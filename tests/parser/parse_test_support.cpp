#include "parse_test_support.h"

#include <gtest/gtest.h>

namespace tcpdrill::test {

ast::Script parse(std::string_view text, const Defines& defines) {
  return parse_script("test.pkt", text, defines);
}

std::string after_socket(std::string_view second_line) {
  return "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n" + std::string(second_line) + "\n";
}

ast::Event event_at(const ast::Script& script, size_t index) {
  return std::get<ast::Event>(script.statements.at(index).value);
}

ast::Event first_event(std::string_view text) { return event_at(parse(text), 0); }

ScriptError parse_error(std::string_view text) {
  try {
    parse(text);
  } catch (const ScriptError& error) {
    return error;
  }
  ADD_FAILURE() << "expected a parse error for:\n" << text;
  return ScriptError("test.pkt", {}, "no error");
}

}  // namespace tcpdrill::test
