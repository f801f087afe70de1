#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

TEST(SyntaxError, NamesTheTokenAndWhatWasExpected) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win"), 3, 1, "syntax error at end of file, expected integer or hex integer");
}

TEST(SyntaxError, UnexpectedToken) {
  EXPECT_PARSE_ERROR(after_socket("+0 close(3) = 0 )"), 2, 17, "syntax error at ')'");
}

TEST(SyntaxError, HashIsNotAComment) {
  EXPECT_PARSE_ERROR(after_socket("# comment"), 2, 1, "unexpected character '#'");
}

TEST(SyntaxError, ControlCharacterIsEscapedInMessage) {
  EXPECT_PARSE_ERROR(after_socket(std::string("+0 close(3) \x01= 0")), 2, 13, "unexpected character '\\x01'");
}

TEST(SyntaxError, NulByteIsAnErrorNotTheEndOfInput) {
  EXPECT_PARSE_ERROR(after_socket(std::string("+0 close(3) = 0 \0", 17)), 2, 17, "unexpected character '\\x00'");
}

TEST(SyntaxError, ColumnCountsUtf8Characters) {
  EXPECT_PARSE_ERROR(after_socket("+0 /* 注意 */ close(3) = 0 }"), 2, 26, "syntax error at '}'");
}

// The lexer moves its cursor by a token's length unless the token can hold a newline or
// a multi-byte character; each kind that can is followed here by an error to locate.
TEST(TokenPosition, AfterTokensThatMayHoldNewlinesOrUtf8) {
  struct Case {
    std::string script;
    uint32_t line, column;
    const char* message;
  };
  const Case cases[] = {
      {after_socket("+0 write(3, \"é\", 1) = 1 }"), 2, 25, "syntax error at '}'"},
      {after_socket("+0 `echo é` }"), 2, 13, "syntax error at '}'"},
      {"0 close(3) = // é", 1, 18, "syntax error at end of file"},
      {after_socket("+0 /* a\n é */ close(3) = 0 }"), 3, 20, "syntax error at '}'"},
      {after_socket("+0 %{\nx = 'é'\n}% }"), 4, 4, "syntax error at '}'"},
      {"--name=\"é\" }", 1, 12, "syntax error at '}'"},
      {after_socket("\t+0 close(3) = 0 }"), 2, 18, "syntax error at '}'"},
      {after_socket("+0 close(3) = 0\r\n+0 }"), 3, 4, "syntax error at '}'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.script);
    EXPECT_PARSE_ERROR(c.script, c.line, c.column, c.message);
  }
}

TEST(SyntaxError, EmptyScript) {
  EXPECT_PARSE_ERROR("// nothing\n", 2, 1, "syntax error at end of file");
}

TEST(LexicalError, UnterminatedStringReportsItsStart) {
  EXPECT_PARSE_ERROR(after_socket("+0 write(3, \"abc, 3) = 3\n+0 close(3) = 0"), 2, 13, "unterminated string");
}

TEST(LexicalError, UnterminatedCommentReportsItsStart) {
  EXPECT_PARSE_ERROR(after_socket("  /* never closed\n+0 close(3) = 0"), 2, 3, "unterminated /* comment");
}

TEST(LexicalError, UnterminatedBackquoteReportsItsStart) {
  EXPECT_PARSE_ERROR(after_socket("+0 `echo hi\n+0 close(3) = 0"), 2, 4, "unterminated backquoted command");
}

TEST(LexicalError, UnterminatedCodeBlockReportsItsStart) {
  EXPECT_PARSE_ERROR(after_socket("+0 %{ print(1)\n }\n"), 2, 4, "unterminated %{ code block");
}

TEST(LexicalError, UnsupportedEscapeIsLocated) {
  EXPECT_PARSE_ERROR(after_socket(R"(+0 write(3, "ab\q", 3) = 3)"), 2, 16, "unsupported escape code: '\\q'");
}

TEST(LexicalError, ShortHexEscape) {
  EXPECT_PARSE_ERROR(after_socket(R"(+0 write(3, "\x4", 1) = 1)"), 2, 14, "\\x escape needs two hex digits");
}

TEST(LexicalError, BracketsNestedTooDeeply) {
  EXPECT_PARSE_ERROR(after_socket("+0 f(" + std::string(200, '[')), 2, 105, "brackets nested too deeply");
}

TEST(NumericError, IntegerOverflowIsAnError) {
  EXPECT_PARSE_ERROR(after_socket("+0 write(3, ..., 99999999999999999999) = 1"), 2, 18,
                     "integer out of range: 99999999999999999999");
}

TEST(NumericError, HexOverflowIsAnError) {
  EXPECT_PARSE_ERROR(after_socket("+0 write(3, ..., 0x10000000000000000) = 1"), 2, 18,
                     "integer out of range: 0x10000000000000000");
}

TEST(NumericError, TimeOverflowIsAnError) {
  EXPECT_PARSE_ERROR(after_socket("+99999999999999 close(3) = 0"), 2, 2, "time out of range: 99999999999999");
}

TEST(NumericError, MostNegativeIntegerFits) {
  auto call = second_action<ast::Syscall>("+0 f(-9223372036854775808) = 0");
  EXPECT_EQ(std::get<ast::IntegerLiteral>(call.arguments[0].value).value, INT64_MIN);
}

TEST(AssertionError, UnexpectedCharacterIsLocated) {
  EXPECT_PARSE_ERROR(after_socket("+0 assert tcpi_rto == 2 $ 3"), 2, 25, "unexpected '$' in assertion");
}

TEST(AssertionError, MissingCondition) {
  EXPECT_PARSE_ERROR(after_socket("+0 assert   // nothing"), 2, 13, "assertion needs a condition");
}

TEST(AssertionError, UnclosedParenthesis) {
  EXPECT_PARSE_ERROR(after_socket("+0 assert (a == 1"), 2, 18, "expected ')' in assertion");
}

TEST(AssertionError, DanglingOperator) {
  EXPECT_PARSE_ERROR(after_socket("+0 assert a ==   "), 2, 15, "assertion ends where a value is expected");
}

}  // namespace
}  // namespace tcpdrill::test
