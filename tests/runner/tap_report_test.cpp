#include "runner/tap_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/runner/report_validation.h"
#include "tests/runner/sample_suite.h"

namespace tcpdrill::runner {
namespace {

TEST(TapReport, FollowsTheTap13Grammar) {
  std::ostringstream out;
  write_tap_report(out, testing::sample_suite(), testing::sample_info());
  testing::expect_valid_tap13(out.str(), 6);
}

TEST(TapReport, CarriesVerdictsDirectivesAndFullLogs) {
  std::ostringstream out;
  write_tap_report(out, testing::sample_suite(), testing::sample_info());
  const std::string tap = out.str();
  EXPECT_NE(tap.find("ok 1 - a.pkt ipv4\n"), std::string::npos);
  EXPECT_NE(tap.find("not ok 2 - dir/b.pkt ipv6\n"), std::string::npos);
  EXPECT_NE(tap.find("ok 3 - c.pkt ipv4 # SKIP no /dev/net/tun\n"), std::string::npos);
  EXPECT_NE(tap.find("not ok 4 - d _ odd.pkt ipv4\n"), std::string::npos);  // '#' would start a directive
  EXPECT_NE(tap.find("  verdict: timeout\n"), std::string::npos);
  EXPECT_NE(tap.find("ok 5 - e.pkt ipv4\n  ---\n  verdict: passed_on_retry"), std::string::npos);
  EXPECT_NE(tap.find("  verdict: flaky\n"), std::string::npos);
  EXPECT_NE(tap.find("  script_line: 7\n"), std::string::npos);
  EXPECT_NE(tap.find("  log: \"b.pkt:7:9: error: bad <mss> & \\\"win\\\"  ?\\n  7 | +0 < S"), std::string::npos);
}

TEST(TapReport, InterruptedRunListsWhatItDidNotFinishAsSkipped) {
  std::ostringstream out;
  write_tap_report(out, testing::interrupted_suite(), testing::sample_info());
  testing::expect_valid_tap13(out.str(), 6);
  EXPECT_NE(out.str().find("ok 6 - f.pkt ipv4 # SKIP not run: the run was interrupted (SIGINT)\n"), std::string::npos)
      << out.str();
}

TEST(TapReport, InterruptedRunBailsOut) {
  SuiteResult suite = testing::sample_suite();
  suite.interrupted = true;
  std::ostringstream out;
  write_tap_report(out, suite, testing::sample_info());
  EXPECT_NE(out.str().find("\nBail out! "), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::runner
