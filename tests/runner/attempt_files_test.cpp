#include "runner/attempt_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "runner/process_executor.h"
#include "tests/runner/sample_suite.h"
#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using testing::TempDir;

// What the children of a suite with one passing and one failing test left in `dir`.
SuiteResult two_tests_with_files(const std::filesystem::path& dir) {
  SuiteResult suite;
  suite.cases = {
      summarize_case(testing::make_case("pass.pkt"), {testing::attempt(AttemptVerdict::Pass)}),
      summarize_case(testing::make_case("fail.pkt"), {testing::attempt(AttemptVerdict::Fail, "x")}),
  };
  for (const CaseResult& result : suite.cases) {
    for (const char* extension : {".pcap", ".csv", ".svg"})
      std::ofstream(attempt_file(dir, TestAttempt{result.test}, extension)) << "x";
  }
  return suite;
}

TEST(AttemptFiles, CaptureKeepsOnlyTheFailedAttemptsPcap) {
  TempDir dir;
  SuiteResult suite = two_tests_with_files(dir.path());
  collect_attempt_files(suite, {dir.path(), dir.path(), dir.path(), false});
  const AttemptRecord& passed = suite.cases[0].attempts[0];
  const AttemptRecord& failed = suite.cases[1].attempts[0];
  EXPECT_FALSE(passed.capture);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "pass_ipv4.pcap"));
  EXPECT_EQ(failed.capture, dir.path() / "fail_ipv4.pcap");
  EXPECT_EQ(passed.timeline, dir.path() / "pass_ipv4.csv");
  EXPECT_EQ(passed.picture, dir.path() / "pass_ipv4.svg");
}

TEST(AttemptFiles, CaptureAllKeepsEveryPcap) {
  TempDir dir;
  SuiteResult suite = two_tests_with_files(dir.path());
  collect_attempt_files(suite, {dir.path(), std::nullopt, std::nullopt, true});
  EXPECT_EQ(suite.cases[0].attempts[0].capture, dir.path() / "pass_ipv4.pcap");
  EXPECT_FALSE(suite.cases[0].attempts[0].timeline);
}

TEST(AttemptFiles, HtmlDirectoryTakesPcapsAndPictures) {
  RunOptions options;
  options.html_dir = "page";
  AttemptFileDirs dirs = attempt_file_dirs(options);
  EXPECT_EQ(dirs.capture, "page");
  EXPECT_EQ(dirs.picture, "page");
  EXPECT_FALSE(dirs.timeline);
  options.capture_dir = "caps";
  EXPECT_EQ(attempt_file_dirs(options).capture, "caps");
  options.vm = true;  // guests hand back every file a test writes
  EXPECT_EQ(attempt_file_dirs(options).picture, "page");
}

}  // namespace
}  // namespace tcpdrill::runner
