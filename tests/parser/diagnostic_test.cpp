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

}  // namespace
}  // namespace tcpdrill::test
