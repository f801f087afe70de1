#include "runner/console_reporter.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "tests/runner/report_validation.h"
#include "tests/runner/sample_suite.h"

namespace tcpdrill::runner {
namespace {

std::string report(ConsoleReporter::Style style, const SuiteResult& suite) {
  std::ostringstream out;
  ConsoleReporter reporter(out, style, suite.planned);
  reporter.begin();
  for (const CaseResult& result : suite.cases) {
    reporter.on_attempt_started(result.test, 0, 0);
    reporter.on_case_finished(result);
  }
  reporter.end(suite);
  return out.str();
}

TEST(ConsoleReporter, PlainPrintsOneLinePerCase) {
  const std::string text = report(ConsoleReporter::Style::Plain, testing::sample_suite());
  EXPECT_EQ(text,
            "ok      suite/a.pkt ipv4 0.25s\n"
            "FAIL    suite/dir/b.pkt ipv6 0.25s: b.pkt:7:9: error: bad <mss> & \"win\" \x01 \xff\n"
            "      7 | +0 < S 0:0(0) win <1000>\n"
            "SKIP    suite/c.pkt ipv4: no /dev/net/tun\n"
            "TIMEOUT suite/d # odd.pkt ipv4 0.25s\n"
            "ok      suite/e.pkt ipv4 0.50s (passed on retry)\n"
            "FLAKY   suite/f.pkt ipv4 0.50s: passed 1/2 runs; last failure: f.pkt:1:1: error: x\n"
            "      7 | +0 < S 0:0(0) win <1000>\n");
}

TEST(ConsoleReporter, TerminalUpdatesOneProgressLineAndPrintsOnlyNonPasses) {
  const std::string text = report(ConsoleReporter::Style::Terminal, testing::sample_suite());
  EXPECT_NE(text.find("\r\033[K[0/6] 0:00 elapsed, ETA ?"), std::string::npos);
  EXPECT_NE(text.find("[6/6]"), std::string::npos);
  EXPECT_EQ(text.find("ok      suite/a.pkt"), std::string::npos);
  EXPECT_NE(text.find("\r\033[KFAIL    suite/dir/b.pkt"), std::string::npos);
  EXPECT_NE(text.find("\n      7 | +0 < S 0:0(0) win <1000>\n"), std::string::npos);  // its report
  EXPECT_EQ(text.find('\n', text.rfind("[6/6]")), std::string::npos);  // progress never scrolls
  EXPECT_EQ(text.substr(text.size() - 4), "\r\033[K");                  // and is cleared at the end
}

// KTAP as kselftest's ktap_helpers emit it: header, plan, numbered results with SKIP
// and TIMEOUT directives, "#" diagnostics, and a Totals line.
TEST(ConsoleReporter, KtapFollowsTheKselftestGrammar) {
  const SuiteResult suite = testing::sample_suite();
  const std::string text = report(ConsoleReporter::Style::Ktap, suite);
  testing::expect_valid_ktap(text, 6);
  const std::string last_line = text.substr(text.rfind('\n', text.size() - 2) + 1);
  EXPECT_EQ(last_line, "# Totals: pass:2 fail:3 xfail:0 xpass:0 skip:1 error:0\n");
  EXPECT_NE(text.find("ok 3 c.pkt ipv4 # SKIP no /dev/net/tun\n"), std::string::npos);
  EXPECT_NE(text.find("# b.pkt:7:9: error: bad <mss>"), std::string::npos);
  EXPECT_NE(text.find("#   7 | +0 < S"), std::string::npos);  // the whole log
  EXPECT_NE(text.find("not ok 4 d _ odd.pkt ipv4 # TIMEOUT timed out"), std::string::npos);
  EXPECT_NE(text.find("# flaky: passed 1 of 2 runs\n"), std::string::npos);
}

TEST(ConsoleReporter, KtapInterruptedRunBailsOut) {
  SuiteResult suite = testing::sample_suite();
  suite.planned = 9;
  suite.interrupted = true;
  EXPECT_NE(report(ConsoleReporter::Style::Ktap, suite).find("Bail out! interrupted\n# Totals"),
            std::string::npos);
}

TEST(Summary, ExactCountsLineThenWallTime) {
  SuiteResult suite = testing::sample_suite();
  suite.cases.pop_back();  // no flaky case
  std::ostringstream out;
  write_summary(out, suite);
  EXPECT_EQ(out.str(), "2 passed, 2 failed, 1 skipped\nwall time 1.50 s\n");
}

TEST(Summary, FlakyAndInterruptionAreSaidBeforeTheCounts) {
  SuiteResult suite = testing::sample_suite();
  suite.planned = 10;
  suite.interrupted = true;
  std::ostringstream out;
  write_summary(out, suite);
  EXPECT_EQ(out.str(),
            "1 flaky\ninterrupted: 4 of 10 tests did not finish\n2 passed, 2 failed, 1 skipped\n"
            "wall time 1.50 s\n");
}

TEST(Summary, ClockFormat) {
  EXPECT_EQ(format_clock(std::chrono::seconds(65)), "1:05");
  EXPECT_EQ(format_clock(std::chrono::seconds(3723)), "1:02:03");
}

}  // namespace
}  // namespace tcpdrill::runner
