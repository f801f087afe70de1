#include "runner/junit_report.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "tests/runner/report_validation.h"
#include "tests/runner/sample_suite.h"
#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using testing::TempDir;

std::string junit_text(const SuiteResult& suite) {
  std::ostringstream out;
  write_junit_report(out, suite, testing::sample_info());
  return out.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(JunitReport, ValidatesAgainstTheJunitSchema) {
  TempDir dir;
  const auto report = dir.write("report.xml", junit_text(testing::sample_suite()));
  const testing::SchemaCheck check = testing::validate_junit_report(report.string());
  if (check.outcome == testing::SchemaCheck::Outcome::ValidatorMissing) GTEST_SKIP() << check.detail;
  EXPECT_EQ(check.outcome, testing::SchemaCheck::Outcome::Valid) << check.detail;
}

// A dashboard must not show an interrupted run as a green partial one.
TEST(JunitReport, InterruptedRunListsTheTestsItDidNotFinishAsSkipped) {
  const std::string xml = junit_text(testing::interrupted_suite());
  EXPECT_NE(xml.find("<testsuite name=\"tcpdrill run\" tests=\"6\" failures=\"1\" errors=\"0\" skipped=\"4\""),
            std::string::npos) << xml;
  EXPECT_EQ(count(xml, "<testcase "), 6u);
  EXPECT_EQ(count(xml, "<skipped message=\"not run: the run was interrupted (SIGINT)\"/>"), 4u);
  EXPECT_NE(xml.find("<property name=\"interrupted\" value=\"true\"/>"), std::string::npos);
  TempDir dir;
  const testing::SchemaCheck check = testing::validate_junit_report(dir.write("report.xml", xml).string());
  if (check.outcome == testing::SchemaCheck::Outcome::ValidatorMissing) GTEST_SKIP() << check.detail;
  EXPECT_EQ(check.outcome, testing::SchemaCheck::Outcome::Valid) << check.detail;
}

TEST(JunitReport, StructureCountsAndEscaping) {
  const std::string xml = junit_text(testing::sample_suite());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 0), 0u);
  EXPECT_NE(xml.find("<testsuite name=\"tcpdrill run\" tests=\"6\" failures=\"3\" errors=\"0\" "
                     "skipped=\"1\" time=\"1.500\" timestamp=\"2027-01-15T08:00:00\" hostname=\"ci-1\">"),
            std::string::npos);
  EXPECT_EQ(count(xml, "<testcase "), 6u);
  EXPECT_EQ(count(xml, "<failure "), 3u);
  EXPECT_EQ(count(xml, "<skipped "), 1u);
  EXPECT_NE(xml.find("<property name=\"kernel_release\" value=\"6.1.0-test\"/>"), std::string::npos);
  EXPECT_NE(xml.find("classname=\"dir.b\""), std::string::npos);
  EXPECT_NE(xml.find("type=\"timeout\""), std::string::npos);
  EXPECT_NE(xml.find("message=\"flaky: passed 1 of 2 runs; f.pkt:1:1: error: x\""), std::string::npos);
  // The failure body and system-err hold the full log, escaped, with the control byte
  // dropped and the invalid UTF-8 byte replaced.
  EXPECT_NE(xml.find(">b.pkt:7:9: error: bad &lt;mss&gt; &amp; &quot;win&quot;  ?\n  7 | +0 &lt; S"),
            std::string::npos);
  EXPECT_NE(xml.find("<system-err>b.pkt:7:9"), std::string::npos);
  EXPECT_NE(xml.find("<system-out>stdout of b\n</system-out>"), std::string::npos);
  EXPECT_NE(xml.find("<system-out>passed on retry after a timing error: e.pkt:3:1: error: timing error"),
            std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(JunitReport, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(xml_escape("<a href='x'>&\"</a>"), "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(xml_escape("caf\xc3\xa9\x1b[0m"), "caf\xc3\xa9[0m");
}

}  // namespace
}  // namespace tcpdrill::runner
