#include "runner/suite_runner.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "runner/run_command.h"
#include "tests/runner/command_args.h"
#include "tests/runner/fake_executor.h"
#include "tests/runner/sample_suite.h"
#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using testing::FakeExecutor;
using testing::FakeStep;
using testing::FixedLoadProbe;
using testing::make_case;
using testing::read_file;
using testing::TempDir;

struct SuiteRunnerFixture : ::testing::Test {
  int run(const std::vector<TestCase>& cases) {
    return run_suite(options, cases, testing::sample_info(), executor, load, cancel,
                     SuiteStreams{out, err, false});
  }
  RunOptions options;
  FakeExecutor executor;
  FixedLoadProbe load;
  CancelSignal cancel;
  std::ostringstream out;
  std::ostringstream err;
  TempDir dir;
};

TEST_F(SuiteRunnerFixture, PrintsResultLinesSummaryAndWritesEveryReport) {
  executor.script("b.pkt (ipv4)", {FakeStep::fail("b.pkt:2:1: error: nope\n")});
  options.tap_file = dir.path() / "out/r.tap";
  options.junit_file = dir.path() / "out/r.xml";
  options.json_file = dir.path() / "out/r.json";
  EXPECT_EQ(run({make_case("a.pkt"), make_case("b.pkt")}), 1);
  EXPECT_NE(out.str().find("ok      suite/a.pkt ipv4"), std::string::npos);
  EXPECT_NE(out.str().find("FAIL    suite/b.pkt ipv4"), std::string::npos);
  EXPECT_NE(out.str().find("\n1 passed, 1 failed, 0 skipped\nwall time "), std::string::npos);
  EXPECT_NE(read_file(*options.tap_file).find("not ok 2 - b.pkt ipv4"), std::string::npos);
  EXPECT_NE(read_file(*options.junit_file).find("<failure"), std::string::npos);
  const auto report = nlohmann::json::parse(read_file(*options.json_file));
  EXPECT_EQ(report["tests"].size(), 2u);
  EXPECT_EQ(report["options"]["jobs"], 1);
}

TEST_F(SuiteRunnerFixture, KtapGoesToStdoutAndTheSummaryToStderr) {
  options.ktap = true;
  EXPECT_EQ(run({make_case("a.pkt")}), 0);
  EXPECT_EQ(out.str().rfind("TAP version 13\n1..1\nok 1 a.pkt ipv4\n# Totals:", 0), 0u);
  EXPECT_NE(err.str().find("1 passed, 0 failed, 0 skipped\n"), std::string::npos);
}

TEST_F(SuiteRunnerFixture, AllSkippedExits125) {
  executor.script("a.pkt (ipv4)", {FakeStep::skip("no tun")});
  EXPECT_EQ(run({make_case("a.pkt")}), 125);
}

TEST_F(SuiteRunnerFixture, InterruptedRunStillWritesReportsListingWhatDidNotRun) {
  options.json_file = dir.path() / "r.json";
  cancel.request();  // as if Ctrl-C came before anything finished
  EXPECT_EQ(run({make_case("a.pkt")}), 130);
  const auto report = nlohmann::json::parse(read_file(*options.json_file));
  EXPECT_TRUE(report["interrupted"].get<bool>());
  ASSERT_EQ(report["tests"].size(), 1u);
  EXPECT_EQ(report["tests"][0]["verdict"], "skip");
  EXPECT_EQ(report["tests"][0]["message"], "not run: the run was interrupted");
}

TEST_F(SuiteRunnerFixture, UnwritableReportIsAnErrorButResultsAreStillPrinted) {
  dir.write("file", "");
  options.json_file = dir.path() / "file/r.json";  // parent is a file
  EXPECT_EQ(run({make_case("a.pkt")}), 2);
  EXPECT_NE(err.str().find("cannot write report"), std::string::npos);
  EXPECT_NE(out.str().find("1 passed"), std::string::npos);
}

// --vm's backend in these tests: none to be had, as on a machine without QEMU.
SuiteBackend unavailable_backend(const RunOptions&, const std::vector<TestCase>&,
                                 const ChildCommandConfig&, const CancelSignal&) {
  throw BackendUnavailable("QEMU is not installed");
}

int run_command(std::vector<std::string> args,
                const SuiteBackendFactory& vm_backend = unavailable_backend) {
  return testing::call_with_args(
      [&](int argc, char** argv) { return run_suite_command(argc, argv, vm_backend); }, "run",
      std::move(args));
}

// The whole command with real child processes: a stand-in tcpdrill decides by the
// script's content, following the child contract.
struct RunCommandFixture : ::testing::Test {
  RunCommandFixture() {
    fake = dir.write("fake-tcpdrill",
                     "#!/bin/sh\n"
                     "for last; do :; done\n"
                     "if grep -q SKIP \"$last\"; then echo 'no /dev/net/tun' >&2; exit 125; fi\n"
                     "if grep -q FAIL \"$last\"; then echo \"$last:3:1: error: timing error\" >&2; exit 1; fi\n"
                     "exit 0\n");
    std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  }
  int run(std::vector<std::string> args) {
    args.insert(args.begin(), "--tcpdrill=" + fake.string());
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    const int code = run_command(args);
    out = ::testing::internal::GetCapturedStdout();
    err = ::testing::internal::GetCapturedStderr();
    return code;
  }
  TempDir dir;
  std::filesystem::path fake;
  std::string out;
  std::string err;
};

TEST_F(RunCommandFixture, ExitCodesForBisect) {
  dir.write("pass/a.pkt", "");
  dir.write("fail/a.pkt", "");
  dir.write("fail/b.pkt", "FAIL\n");
  dir.write("skip/a.pkt", "SKIP\n");
  dir.write("skip/b-v4.pkt", "SKIP\n");
  EXPECT_EQ(run({"-4", (dir.path() / "pass").string()}), 0) << out << err;
  EXPECT_NE(out.find("1 passed, 0 failed, 0 skipped"), std::string::npos);
  EXPECT_EQ(run({(dir.path() / "fail").string()}), 1);
  EXPECT_NE(out.find("3 passed, 3 failed, 0 skipped"), std::string::npos);
  EXPECT_NE(out.find("b.pkt:3:1: error: timing error"), std::string::npos);
  EXPECT_EQ(run({(dir.path() / "skip").string()}), 125);
  EXPECT_NE(out.find("0 passed, 0 failed, 5 skipped"), std::string::npos);
}

TEST_F(RunCommandFixture, RetryTimingRerunsThroughRealProcesses) {
  dir.write("s/b.pkt", "FAIL\n");
  EXPECT_EQ(run({"-4", "--retry-timing=2", "--json", (dir.path() / "r.json").string(),
                 (dir.path() / "s").string()}),
            1);
  const auto report = nlohmann::json::parse(read_file(dir.path() / "r.json"));
  EXPECT_EQ(report["tests"][0]["attempts"].size(), 3u);
}

TEST_F(RunCommandFixture, UsageErrorsExit2WithOneLine) {
  dir.write("empty/readme", "");
  dir.write("s/a.pkt", "");
  EXPECT_EQ(run({(dir.path() / "empty").string()}), 2);
  EXPECT_EQ(err.rfind("tcpdrill run: no *.pkt scripts under", 0), 0u);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1);
  EXPECT_EQ(run({"--shard=5/4", (dir.path() / "s").string()}), 2);
  EXPECT_EQ(run({"--bogus", (dir.path() / "s").string()}), 2);
}

TEST_F(RunCommandFixture, MissingPathExits128) {
  EXPECT_EQ(run({"/nonexistent/tcpdrill-suite"}), 128);
  EXPECT_EQ(err, "tcpdrill run: no such file or directory: /nonexistent/tcpdrill-suite\n");
}

TEST_F(RunCommandFixture, ListPrintsCommandsWithoutRunning) {
  dir.write("s/a.pkt", "FAIL\n");
  EXPECT_EQ(run({"--list", "-6", (dir.path() / "s").string(), "--", "-v"}), 0);
  EXPECT_NE(out.find("cd " + (dir.path() / "s").string() + " && " + fake.string() +
                     " -v --send_omit_free --ip_version=ipv6"),
            std::string::npos);
  EXPECT_EQ(out.find("error"), std::string::npos);
}

TEST_F(RunCommandFixture, CaptureDirectoryIsCreatedAndPassedPerTest) {
  dir.write("s/tcp/a.pkt", "");
  const auto captures = dir.path() / "caps/new";
  EXPECT_EQ(run({"--list", "-4", "--capture", captures.string(), (dir.path() / "s").string()}), 0);
  EXPECT_TRUE(std::filesystem::is_directory(captures));
  EXPECT_NE(out.find("--capture=" + (captures / "tcp_a_ipv4.pcap").string() + " a.pkt\n"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace tcpdrill::runner
