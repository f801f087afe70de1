#pragma once

#include <string>
#include <string_view>

#include "parser/script_error.h"
#include "parser/script_parser.h"

namespace tcpdrill::test {

// Parses `text` as a whole script named "test.pkt".
ast::Script parse(std::string_view text, const Defines& defines = {});

// The first event of a script, which must be a plain event.
ast::Event first_event(std::string_view text);

// The event at `index` among the top-level statements.
ast::Event event_at(const ast::Script& script, size_t index);

// A script of a `0 socket(...)` line followed by `second_line`, so that tests can
// write one event of any kind, at line 2, without tripping the time-0 rule.
std::string after_socket(std::string_view second_line);

// The action of the event in `event_line`, parsed as the second line of a script.
template <typename Action>
Action second_action(std::string_view event_line) {
  return std::get<Action>(event_at(parse(after_socket(event_line)), 1).action);
}

// The error parsing `text` raises; fails the test when it parses.
ScriptError parse_error(std::string_view text);

}  // namespace tcpdrill::test

namespace tcpdrill::test {

// Asserts that `text` fails with exactly `message` at line:column.
#define EXPECT_PARSE_ERROR(text, line, column, message)                   \
  do {                                                                    \
    ::tcpdrill::ScriptError error_ = ::tcpdrill::test::parse_error(text); \
    EXPECT_STREQ(error_.what(), message);                                 \
    EXPECT_EQ(error_.where(), (::tcpdrill::SourceLocation{line, column})); \
  } while (false)

}  // namespace tcpdrill::test
