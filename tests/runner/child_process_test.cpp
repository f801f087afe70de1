#include "runner/child_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "netdev/child_group_registry.h"
#include "runner/process_executor.h"
#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

ChildRequest shell(const std::string& command, std::chrono::milliseconds timeout = 20s) {
  ChildRequest request;
  request.argv = {"/bin/sh", "-c", command};
  request.timeout = timeout;
  return request;
}

// Gone, or a zombie waiting for init: either way no longer running.
bool process_running(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, comm, state;
  stat >> pid_field >> comm >> state;
  return state != "Z" && state != "X";
}

// SIGKILL takes effect asynchronously: give the kernel a moment to finish the exit.
bool gone_soon(pid_t pid) {
  for (int i = 0; i < 500 && process_running(pid); ++i) std::this_thread::sleep_for(10ms);
  return !process_running(pid);
}

pid_t read_pid(const std::filesystem::path& file) {
  pid_t pid = 0;
  std::ifstream(file) >> pid;
  return pid;
}

TEST(ChildProcess, ReportsExitCodeAndSeparatesOutputStreams) {
  const CancelSignal cancel;
  const ChildOutcome outcome = run_child(shell("echo out; echo err >&2; exit 3"), cancel);
  EXPECT_EQ(outcome.ending, ChildEnding::Exited);
  EXPECT_EQ(outcome.exit_code, 3);
  EXPECT_EQ(outcome.standard_output, "out\n");
  EXPECT_EQ(outcome.standard_error, "err\n");
}

TEST(ChildProcess, ExitCodesOfTheContract) {
  const CancelSignal cancel;
  for (int code : {0, 1, 125}) {
    EXPECT_EQ(run_child(shell("exit " + std::to_string(code)), cancel).exit_code, code);
  }
}

TEST(ChildProcess, ReportsDeathBySignal) {
  const CancelSignal cancel;
  const ChildOutcome outcome = run_child(shell("kill -9 $$"), cancel);
  EXPECT_EQ(outcome.ending, ChildEnding::Signaled);
  EXPECT_EQ(outcome.signal, SIGKILL);
}

TEST(ChildProcess, RunsInTheRequestedDirectoryWithStdinClosed) {
  TempDir dir;
  const CancelSignal cancel;
  ChildRequest request = shell("pwd; cat; echo done");
  request.cwd = dir.path();
  const ChildOutcome outcome = run_child(request, cancel);
  EXPECT_EQ(outcome.standard_output, dir.path().string() + "\ndone\n");
}

TEST(ChildProcess, RunsInItsOwnProcessGroup) {
  const CancelSignal cancel;
  // Field 5 of /proc/PID/stat is the process group ("sh" has no space in its name).
  const ChildOutcome outcome = run_child(shell("cut -d' ' -f5 /proc/$$/stat; echo $$"), cancel);
  std::istringstream lines(outcome.standard_output);
  long pgid = 0, pid = 0;
  lines >> pgid >> pid;
  EXPECT_GT(pid, 0);
  EXPECT_EQ(pgid, pid);
  EXPECT_NE(pgid, ::getpgrp());
}

TEST(ChildProcess, TimeoutKillsTheWholeGroupAndLeavesNothingBehind) {
  TempDir dir;
  const CancelSignal cancel;
  const auto pid_file = dir.path() / "pid";
  const ChildOutcome outcome =
      run_child(shell("sleep 300 & echo $! > " + pid_file.string() + "; sleep 300", 300ms), cancel);
  EXPECT_EQ(outcome.ending, ChildEnding::TimedOut);
  const pid_t background = read_pid(pid_file);
  ASSERT_GT(background, 0);
  EXPECT_TRUE(gone_soon(background));
}

TEST(ChildProcess, StragglersOfAFinishedTestAreKilled) {
  TempDir dir;
  const CancelSignal cancel;
  const auto pid_file = dir.path() / "pid";
  // The background sleep keeps the output pipes open; without killing the group the
  // runner would wait for it.
  const ChildOutcome outcome =
      run_child(shell("sleep 300 & echo $! > " + pid_file.string() + "; exit 0"), cancel);
  EXPECT_EQ(outcome.ending, ChildEnding::Exited);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_TRUE(gone_soon(read_pid(pid_file)));
  EXPECT_LT(outcome.duration, 60s);
}

TEST(ChildProcess, CancelKillsPromptly) {
  const CancelSignal cancel;
  std::jthread canceller([&] {
    std::this_thread::sleep_for(100ms);
    cancel.request();
  });
  const ChildOutcome outcome = run_child(shell("sleep 300"), cancel);
  EXPECT_EQ(outcome.ending, ChildEnding::Cancelled);
}

TEST(ChildProcess, RegisteredGroupsCanBeKilledFromASignalHandler) {
  TempDir dir;
  const auto pid_file = dir.path() / "pid";
  ChildProcess child(shell("sleep 300 & echo $! > " + pid_file.string() + "; wait"));
  for (int i = 0; i < 500 && read_pid(pid_file) == 0; ++i) std::this_thread::sleep_for(10ms);
  netdev::kill_registered_child_groups();  // what a second Ctrl-C does
  EXPECT_TRUE(gone_soon(read_pid(pid_file)));
  EXPECT_TRUE(WIFSIGNALED(child.reap()));
}

TEST(ChildProcess, MissingProgramThrows) {
  const CancelSignal cancel;
  ChildRequest request;
  request.argv = {"/nonexistent/tcpdrill"};
  EXPECT_THROW(run_child(request, cancel), std::system_error);
}

TEST(ChildProcess, OutputBeyondTheLimitIsTruncatedWithAMarker) {
  const CancelSignal cancel;
  ChildRequest request = shell("head -c 100000 /dev/zero | tr '\\0' x");
  request.output_limit = 1000;
  const ChildOutcome outcome = run_child(request, cancel);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_LT(outcome.standard_output.size(), 1100u);
  EXPECT_NE(outcome.standard_output.find("output truncated"), std::string::npos);
}

TEST(ProcessExecutor, RunsTheCommandInTheScriptDirectory) {
  TempDir dir;
  // A stand-in for tcpdrill: prints its arguments and cwd, fails like a script would.
  const auto fake = dir.write("fake-tcpdrill",
                              "#!/bin/sh\necho \"$@\"\npwd\necho \"x.pkt:1:1: error: nope\" >&2\nexit 1\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  dir.write("suite/x.pkt", "");
  TestCase test;
  test.script.name = "x.pkt";
  test.script.absolute_path = dir.path() / "suite/x.pkt";
  ProcessExecutor executor(ChildCommandConfig{.tcpdrill = fake, .extra_args = {"--tolerance_usecs=14000"}});
  const CancelSignal cancel;
  const ExecutionResult result = executor.execute(TestAttempt{test, 0, 0, 20s}, cancel);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.standard_error, "x.pkt:1:1: error: nope\n");
  EXPECT_NE(result.standard_output.find("--tolerance_usecs=14000 --send_omit_free --ip_version=ipv4"),
            std::string::npos);
  EXPECT_NE(result.standard_output.find("\n" + (dir.path() / "suite").string() + "\n"), std::string::npos);
}

TEST(ProcessExecutor, LaunchFailureBecomesAResult) {
  TestCase test;
  test.script.name = "x.pkt";
  test.script.absolute_path = "/tmp/x.pkt";
  ProcessExecutor executor(ChildCommandConfig{.tcpdrill = "/nonexistent/tcpdrill"});
  const CancelSignal cancel;
  const ExecutionResult result = executor.execute(TestAttempt{test}, cancel);
  EXPECT_EQ(result.ending, ChildEnding::LaunchFailed);
  EXPECT_NE(result.standard_error.find("/nonexistent/tcpdrill"), std::string::npos);
}

TEST(ChildCommand, OrderIsExtraFlagsSendOmitFreeVariantCaptureScript) {
  TestCase test;
  test.script.name = "tcp/sack/x.pkt";
  test.script.absolute_path = "/s/tcp/sack/x.pkt";
  test.variant = Variant::Ipv6;
  const ChildCommandConfig config{.tcpdrill = "/bin/tcpdrill", .extra_args = {"-v"}, .capture_dir = std::filesystem::path("/caps")};
  const auto argv = child_command(config, TestAttempt{test});
  ASSERT_GE(argv.size(), 5u);
  EXPECT_EQ(argv[0], "/bin/tcpdrill");
  EXPECT_EQ(argv[1], "-v");
  EXPECT_EQ(argv[2], "--send_omit_free");
  EXPECT_EQ(argv[3], "--ip_version=ipv6");
  EXPECT_EQ(argv[argv.size() - 2], "--capture=/caps/tcp_sack_x_ipv6.pcap");
  EXPECT_EQ(argv.back(), "x.pkt");
}

TEST(ChildCommand, TimelineAndPictureFollowTheCapture) {
  TestCase test;
  test.script.name = "x.pkt";
  test.script.absolute_path = "/s/x.pkt";
  const ChildCommandConfig config{"/bin/tcpdrill", {}, std::filesystem::path("/caps"),
                                  std::filesystem::path("/trace"), std::filesystem::path("/html")};
  const auto argv = child_command(config, TestAttempt{test});
  ASSERT_GE(argv.size(), 4u);
  EXPECT_EQ(argv[argv.size() - 4], "--capture=/caps/x_ipv4.pcap");
  EXPECT_EQ(argv[argv.size() - 3], "--trace-state=/trace/x_ipv4.csv");
  EXPECT_EQ(argv[argv.size() - 2], "--plot=/html/x_ipv4.svg");
}

TEST(ChildCommand, RerunsGetTheirOwnFiles) {
  TestCase test;
  test.script.name = "x.pkt";
  EXPECT_EQ(attempt_file("/c", TestAttempt{test, 0, 0}, ".pcap"), "/c/x_ipv4.pcap");
  EXPECT_EQ(attempt_file("/c", TestAttempt{test, 1, 0}, ".pcap"), "/c/x_ipv4.2-0.pcap");
  EXPECT_EQ(attempt_file("/c", TestAttempt{test, 0, 1}, ".svg"), "/c/x_ipv4.1-1.svg");
}

}  // namespace
}  // namespace tcpdrill::runner
