// A run that is killed -- SIGINT, SIGTERM, SIGHUP, SIGKILL, or the runner's timeout --
// leaves nothing behind: no process it started and no network namespace.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <vector>

#include "process_watch.h"
#include "tcpdrill_process.h"

namespace tcpdrill::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The script blocks in a shell command whose command line is unique to the test, so
// the command can be found in /proc while it runs and looked for after the kill.
std::string write_blocking_script(const std::string& sleep_seconds) {
  const fs::path directory = fs::temp_directory_path() / ("tcpdrill-kill-" + sleep_seconds);
  fs::create_directories(directory);
  const fs::path script = directory / "blocks.pkt";
  std::ofstream(script) << "0 `sleep " << sleep_seconds << "`\n";
  return script.string();
}

struct Leftovers {
  std::string command;
  std::string net_namespace;
};

// Waits for the script's shell command to run and notes its namespace.
Leftovers wait_for_command(const std::string& sleep_seconds) {
  Leftovers run{"sleep " + sleep_seconds, ""};
  std::optional<pid_t> command;
  EXPECT_TRUE(eventually([&] { return (command = find_process(run.command)).has_value(); }, 10s))
      << "the script's command never started";
  if (command) run.net_namespace = network_namespace_of(*command);
  EXPECT_NE(run.net_namespace, network_namespace_of(getpid())) << "not in a private namespace";
  return run;
}

void expect_nothing_left(const Leftovers& run) {
  EXPECT_TRUE(eventually([&] { return !find_process(run.command); }, 3s))
      << run.command << " outlived tcpdrill";
  EXPECT_TRUE(eventually([&] { return !something_holds_namespace(run.net_namespace); }, 3s))
      << "a process still holds the run's namespace";
}

class KilledRunTest : public ::testing::TestWithParam<int> {};

TEST_P(KilledRunTest, LeavesNoProcessAndNoNamespace) {
  if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  const int signo = GetParam();
  const std::string seconds = std::to_string(7700 + signo);
  const pid_t tcpdrill = start_tcpdrill({write_blocking_script(seconds)});
  const Leftovers run = wait_for_command(seconds);
  ASSERT_EQ(kill(tcpdrill, signo), 0);
  int status = 0;
  ASSERT_EQ(waitpid(tcpdrill, &status, 0), tcpdrill);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signo) << "status " << status;
  expect_nothing_left(run);
}

INSTANTIATE_TEST_SUITE_P(Signals, KilledRunTest, ::testing::Values(SIGINT, SIGTERM, SIGHUP),
                         [](const auto& info) { return std::string(sigabbrev_np(info.param)); });

// A bare SIGKILL runs no handler of tcpdrill's: what its commands started is still
// running, in groups and sessions of their own, and only the namespace sweeper ends it.
TEST(SigkilledRunTest, LeavesNoProcessAndNoNamespace) {
  if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  const fs::path directory = fs::temp_directory_path() / "tcpdrill-kill-9";
  fs::create_directories(directory);
  const fs::path script = directory / "leaves-jobs.pkt";
  std::ofstream(script) << "0 `setsid sleep 7903 </dev/null >/dev/null 2>&1 & sleep 7902 & sleep 7901`\n";
  const pid_t tcpdrill = start_tcpdrill({script.string()});
  const Leftovers run = wait_for_command("7901");
  const std::vector<std::string> commands = {"sleep 7901", "sleep 7902", "sleep 7903"};
  for (const std::string& command : commands)
    EXPECT_TRUE(eventually([&] { return find_process(command).has_value(); }, 5s)) << command << " never started";

  ASSERT_EQ(kill(tcpdrill, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(tcpdrill, &status, 0), tcpdrill);
  for (const std::string& command : commands)
    EXPECT_TRUE(eventually([&] { return !find_process(command); }, 2s)) << command << " outlived tcpdrill";
  EXPECT_TRUE(eventually([&] { return !something_holds_namespace(run.net_namespace); }, 2s))
      << "a process still holds the run's namespace";
  // Nothing of a failed check may run on for two hours.
  for (const std::string& command : commands)
    if (const auto pid = find_process(command)) kill(*pid, SIGKILL);
}

// A daemon in a session of its own escapes the kill of its command's group; a run that
// passes must not leave it behind either.
TEST(FinishedRunTest, LeavesNoDaemonAndNoNamespace) {
  if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  const fs::path directory = fs::temp_directory_path() / "tcpdrill-daemon";
  fs::create_directories(directory);
  const fs::path script = directory / "starts-daemon.pkt";
  // The command lingers so that the daemon has left its group before the group is killed.
  std::ofstream(script) << "0 `setsid sleep 7904 </dev/null >/dev/null 2>&1 & sleep 0.2`\n"
                           "+0.5 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n";
  const pid_t tcpdrill = start_tcpdrill({script.string()});
  const Leftovers run = wait_for_command("7904");
  int status = 0;
  ASSERT_EQ(waitpid(tcpdrill, &status, 0), tcpdrill);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  expect_nothing_left(run);
  if (const auto pid = find_process("sleep 7904")) kill(*pid, SIGKILL);
}

TEST(TimedOutRunTest, RunnerTimeoutLeavesNoProcessAndNoNamespace) {
  if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  const std::string seconds = "7799";
  const pid_t runner = start_tcpdrill({"run", "-4", "--timeout", "2", write_blocking_script(seconds)});
  const Leftovers run = wait_for_command(seconds);
  int status = 0;
  ASSERT_EQ(waitpid(runner, &status, 0), runner);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << "status " << status;
  expect_nothing_left(run);
}

}  // namespace
}  // namespace tcpdrill::testing
