#include "runner/tap_report.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "tests/runner/sample_suite.h"

namespace tcpdrill::runner {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// TAP 13 grammar: version, plan, test lines, YAML blocks (indented, between --- and ...),
// comments and bail out. Test numbers must count up from 1 to the plan.
void expect_valid_tap13(const std::string& text, std::size_t expected_tests) {
  const auto lines = lines_of(text);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "TAP version 13");
  static const std::regex kPlan(R"(^1\.\.([0-9]+)$)");
  static const std::regex kTest(R"(^(ok|not ok) ([0-9]+) - [^#]+( # (SKIP|TODO)( .*)?)?$)");
  std::size_t next = 1;
  bool in_yaml = false;
  bool plan_seen = false;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    std::smatch match;
    if (in_yaml) {
      if (line == "  ...") in_yaml = false;
      else EXPECT_EQ(line.rfind("  ", 0), 0u) << "YAML line not indented: " << line;
      continue;
    }
    if (line == "  ---") {
      in_yaml = true;
    } else if (std::regex_match(line, match, kPlan)) {
      EXPECT_FALSE(plan_seen);
      plan_seen = true;
      EXPECT_EQ(std::stoul(match[1]), expected_tests);
    } else if (std::regex_match(line, match, kTest)) {
      EXPECT_EQ(std::stoul(match[2]), next++);
    } else {
      EXPECT_TRUE(line.rfind("#", 0) == 0 || line.rfind("Bail out!", 0) == 0) << "bad TAP line: " << line;
    }
  }
  EXPECT_FALSE(in_yaml);
  EXPECT_TRUE(plan_seen);
  EXPECT_EQ(next - 1, expected_tests);
}

TEST(TapReport, FollowsTheTap13Grammar) {
  std::ostringstream out;
  write_tap_report(out, testing::sample_suite(), testing::sample_info());
  expect_valid_tap13(out.str(), 6);
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

TEST(TapReport, InterruptedRunBailsOut) {
  SuiteResult suite = testing::sample_suite();
  suite.interrupted = true;
  std::ostringstream out;
  write_tap_report(out, suite, testing::sample_info());
  EXPECT_NE(out.str().find("\nBail out! "), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::runner
