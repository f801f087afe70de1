#include <gtest/gtest.h>

#include "parse_test_support.h"
#include "parser/diagnostic.h"

namespace tcpdrill::test {
namespace {

TEST(Diagnostic, QuotesTheLineWithACaret) {
  std::string text = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                     "+0 < S 0:0(0) win 32792 <mss 1000,bogus>\n";
  ScriptError error = parse_error(text);
  EXPECT_EQ(format_diagnostic(error, text),
            "test.pkt:2:35: error: unknown TCP option 'bogus'\n"
            " 2 | +0 < S 0:0(0) win 32792 <mss 1000,bogus>\n"
            "   |                                   ^\n");
}

TEST(Diagnostic, KeepsTabsSoTheCaretLinesUp) {
  ScriptError error("a.pkt", {1, 4}, "bad");
  EXPECT_EQ(format_diagnostic(error, "\t+0\tx"), "a.pkt:1:4: error: bad\n 1 | \t+0\tx\n   | \t  ^\n");
}

TEST(Diagnostic, WideCharactersCountOnce) {
  ScriptError error("a.pkt", {1, 4}, "bad");
  EXPECT_EQ(format_diagnostic(error, "注意 x"), "a.pkt:1:4: error: bad\n 1 | 注意 x\n   |    ^\n");
}

TEST(Diagnostic, LineOutsideSourcePrintsOnlyTheMessage) {
  ScriptError error("a.pkt", {7, 1}, "bad");
  EXPECT_EQ(format_diagnostic(error, "one line\n"), "a.pkt:7:1: error: bad\n");
}

TEST(Diagnostic, NoPositionForWholeFileErrors) {
  ScriptError error("a.pkt", {0, 0}, "cannot read script: No such file or directory");
  EXPECT_EQ(format_diagnostic(error, ""), "a.pkt: error: cannot read script: No such file or directory\n");
}

TEST(Diagnostic, CaretAtEndOfFile) {
  ScriptError error("a.pkt", {2, 1}, "syntax error at end of file");
  EXPECT_EQ(format_diagnostic(error, "0 close(3) = 0\n"), "a.pkt:2:1: error: syntax error at end of file\n 2 | \n   | ^\n");
}

TEST(Diagnostic, ControlBytesOfTheLineAndMessageAreEscaped) {
  const std::string source("\x1b[2J\0x\n", 7);
  ScriptError error("bin.pkt", {1, 1}, "unexpected character '\x1b'");
  EXPECT_EQ(format_diagnostic(error, source),
            "bin.pkt:1:1: error: unexpected character '\\x1b'\n"
            " 1 | \\x1b[2J\\x00x\n"
            "   | ^\n");
}

TEST(Diagnostic, CaretAfterAnEscapeLinesUpUnderItsCharacter) {
  ScriptError error("bin.pkt", {1, 3}, "bad");
  EXPECT_EQ(format_diagnostic(error, "\x01" "ab"), "bin.pkt:1:3: error: bad\n 1 | \\x01ab\n   |      ^\n");
}

// A 5 MB line is cut to the terminal around the error, which stays in sight.
TEST(Diagnostic, LongLineIsCutAroundTheErrorColumn) {
  const std::string source = std::string(3'000'000, 'a') + "!" + std::string(2'000'000, 'b');
  ScriptError error("big.pkt", {1, 3'000'001}, "unexpected character '!'");
  const std::string text = format_diagnostic(error, source);
  ASSERT_LT(text.size(), 700u);
  const std::size_t quoted = text.find(" 1 | …");
  ASSERT_NE(quoted, std::string::npos) << text;
  const std::string line = text.substr(quoted, text.find('\n', quoted) - quoted);
  const std::string caret = text.substr(text.rfind('\n', text.size() - 2) + 1);
  EXPECT_EQ(line.substr(line.size() - std::string("…").size()), "…");
  // The caret line's blanks line up with the bytes of the quoted line before '!'.
  const std::size_t bang = line.find('!');
  ASSERT_NE(bang, std::string::npos);
  EXPECT_EQ(caret.find('^'), bang - std::string("…").size() + 1) << text;
}

TEST(Diagnostic, LongMessageIsBounded) {
  ScriptError error("a.pkt", {1, 1}, "unknown TCP option '" + std::string(5'000'000, 'x') + "'");
  const std::string text = format_diagnostic(error, "x");
  EXPECT_LT(text.size(), 600u);
  EXPECT_NE(text.find("x…x"), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::test
