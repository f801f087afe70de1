// `tcpdrill run` as CI uses it, on the real kernel: a directory of scripts that pass,
// fail, hang and do not parse gives one verdict each, the summary, the exit code for
// `git bisect run`, and reports that follow their specifications.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "tcpdrill_process.h"
#include "tests/runner/report_validation.h"

namespace tcpdrill::testing {
namespace {

namespace fs = std::filesystem;
using runner::testing::SchemaCheck;

// Run from here on "run_suite", as a user names a directory of their repository.
const std::string kSuiteParent = std::string(TCPDRILL_SOURCE_DIR) + "/tests/integration";
constexpr std::size_t kScripts = 4;

class RunCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun to run scripts";
    reports_ = fs::temp_directory_path() / ("tcpdrill-run-test-" + std::to_string(getpid()));
    fs::create_directories(reports_);
  }
  void TearDown() override {
    if (!reports_.empty()) fs::remove_all(reports_);
  }

  // The ipv4 variant only, with a short timeout for the hanging script.
  ProcessOutcome run(std::vector<std::string> extra) {
    std::vector<std::string> arguments{"run", "-4", "-j", "4", "--timeout", "2"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    arguments.push_back("run_suite");
    return run_tcpdrill(arguments, kSuiteParent);
  }

  std::string report(const std::string& name) const { return (reports_ / name).string(); }

  static void expect_valid(const SchemaCheck& check) {
    if (check.outcome == SchemaCheck::Outcome::ValidatorMissing) {
      ADD_FAILURE() << check.detail;  // CI installs the validators; nothing may skip there
      return;
    }
    EXPECT_EQ(check.outcome, SchemaCheck::Outcome::Valid) << check.detail;
  }

  fs::path reports_;
};

TEST_F(RunCommandTest, OneVerdictPerScriptSummaryExitCodeAndValidReports) {
  const ProcessOutcome outcome =
      run({"--tap", report("run.tap"), "--junit", report("junit.xml"), "--json", report("run.json")});

  EXPECT_EQ(outcome.exit_code, 1) << outcome.out << outcome.err;
  const std::string& out = outcome.out;
  EXPECT_NE(out.find("ok      run_suite/passes.pkt ipv4"), std::string::npos) << out;
  EXPECT_NE(out.find("FAIL    run_suite/fails.pkt ipv4 "), std::string::npos) << out;
  EXPECT_NE(out.find("fails.pkt:4:1: error: close: Expected result -1 but got 0"), std::string::npos) << out;
  EXPECT_NE(out.find("TIMEOUT run_suite/hangs.pkt ipv4"), std::string::npos) << out;
  EXPECT_NE(out.find("FAIL    run_suite/malformed.pkt ipv4 "), std::string::npos) << out;
  EXPECT_NE(out.find("malformed.pkt:3:12: error: syntax error at '='"), std::string::npos) << out;
  EXPECT_NE(out.find("1 passed, 3 failed, 0 skipped\nwall time "), std::string::npos) << out;

  runner::testing::expect_valid_tap13(read_text_file(report("run.tap")), kScripts);
  expect_valid(runner::testing::validate_junit_report(report("junit.xml")));
  expect_valid(runner::testing::validate_json_report(report("run.json")));

  const auto json = nlohmann::json::parse(read_text_file(report("run.json")));
  std::map<std::string, nlohmann::json> tests;
  for (const auto& test : json["tests"]) tests[test["name"]] = test;
  ASSERT_EQ(tests.size(), kScripts);
  EXPECT_EQ(tests["passes.pkt"]["verdict"], "pass");
  EXPECT_EQ(tests["fails.pkt"]["verdict"], "fail");
  EXPECT_EQ(tests["fails.pkt"]["script_line"], 4);
  EXPECT_EQ(tests["hangs.pkt"]["verdict"], "timeout");
  EXPECT_EQ(tests["malformed.pkt"]["verdict"], "fail");
  EXPECT_EQ(tests["malformed.pkt"]["script_line"], 3);
  EXPECT_EQ(json["totals"]["passed"], 1);

  const std::string junit = read_text_file(report("junit.xml"));
  EXPECT_NE(junit.find("tests=\"4\" failures=\"3\""), std::string::npos) << junit;
}

TEST_F(RunCommandTest, KtapOnStdoutFollowsTheKselftestGrammar) {
  const ProcessOutcome outcome = run({"--ktap"});
  EXPECT_EQ(outcome.exit_code, 1);
  runner::testing::expect_valid_ktap(outcome.out, kScripts);
  EXPECT_NE(outcome.out.find("# Totals: pass:1 fail:3 "), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.err.find("1 passed, 3 failed, 0 skipped"), std::string::npos) << outcome.err;
}

}  // namespace
}  // namespace tcpdrill::testing
