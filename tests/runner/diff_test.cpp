#include "runner/diff_command.h"
#include "runner/report_diff.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/runner/command_args.h"
#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using testing::TempDir;

ReportEntry entry(std::string name, std::string verdict, std::string message = "",
                  std::string variant = "ipv4") {
  return ReportEntry{std::move(name), std::move(variant), std::move(verdict), std::move(message)};
}

TEST(ReportDiff, ListsOnlyChangedVerdictsSorted) {
  const std::vector<ReportEntry> old_report{entry("b.pkt", "pass"), entry("a.pkt", "fail", "a.pkt:1:1: error: x"),
                                            entry("c.pkt", "fail", "c.pkt:2:2: error: y"),
                                            entry("b.pkt", "pass", "", "ipv6")};
  const std::vector<ReportEntry> new_report{entry("a.pkt", "pass"), entry("b.pkt", "fail", "b.pkt:9:1: error: z"),
                                            entry("c.pkt", "fail", "c.pkt:3:3: error: other"),
                                            entry("b.pkt", "pass", "", "ipv6")};
  const auto changes = diff_reports(old_report, new_report);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].name, "a.pkt");
  EXPECT_EQ(changes[0].old_verdict, "fail");
  EXPECT_EQ(changes[0].new_verdict, "pass");
  EXPECT_EQ(changes[0].old_message, "a.pkt:1:1: error: x");
  EXPECT_EQ(changes[1].name, "b.pkt");
  EXPECT_EQ(changes[1].new_message, "b.pkt:9:1: error: z");
}

TEST(ReportDiff, TestsInOnlyOneReportAreAbsentOnTheOtherSide) {
  const auto changes = diff_reports({entry("gone.pkt", "pass")}, {entry("new.pkt", "skip", "no tun")});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].name, "gone.pkt");
  EXPECT_EQ(changes[0].new_verdict, "absent");
  EXPECT_EQ(changes[1].old_verdict, "absent");
  EXPECT_EQ(changes[1].new_verdict, "skip");
}

TEST(ReportDiff, OutputShowsBothMessages) {
  std::ostringstream out;
  write_changes(out, {VerdictChange{"a.pkt", "ipv6", "pass", "fail", "", "a.pkt:4:2: error: bad seq"}});
  EXPECT_EQ(out.str(),
            "a.pkt (ipv6): pass -> fail\n  old: -\n  new: a.pkt:4:2: error: bad seq\n1 verdict changed\n");
}

int run_diff(std::vector<std::string> args) {
  return testing::call_with_args(diff_command, "diff", std::move(args));
}

TEST(DiffCommand, ExitCodes) {
  TempDir dir;
  const auto report = [](const char* verdict) {
    return std::string("{\"tests\": [{\"name\": \"a.pkt\", \"variant\": \"ipv4\", \"verdict\": \"") + verdict +
           "\", \"message\": null}]}";
  };
  const auto pass = dir.write("pass.json", report("pass")).string();
  const auto fail = dir.write("fail.json", report("fail")).string();
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(run_diff({pass, pass}), 0);
  EXPECT_EQ(run_diff({pass, fail}), 1);
  EXPECT_EQ(run_diff({pass}), 2);
  EXPECT_EQ(run_diff({pass, fail, pass}), 2);
  EXPECT_EQ(run_diff({pass, (dir.path() / "missing.json").string()}), 2);
  EXPECT_EQ(run_diff({"--bogus", pass, fail}), 2);
  const std::string out = ::testing::internal::GetCapturedStdout();
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(out.find("a.pkt (ipv4): pass -> fail"), std::string::npos);
  EXPECT_NE(err.find("tcpdrill diff: want exactly two reports"), std::string::npos);
  EXPECT_NE(err.find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::runner
