#include "netdev/namespace_sweeper.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "kernel_test_support.h"
#include "netdev/child_process.h"
#include "netdev/netdev_error.h"
#include "netdev/network_namespace.h"
#include "netdev/scratch_namespace.h"

namespace tcpdrill::netdev {
namespace {

using namespace std::chrono_literals;

// An orphan is reaped by init, which in some containers never happens; a zombie no
// longer runs, so it counts as gone.
bool process_running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, command, state;
  return stat >> pid_field >> command >> state && state != "Z";
}

bool namespace_referenced(const std::string& inode) {
  for (const auto& process : std::filesystem::directory_iterator("/proc")) {
    std::error_code error;
    if (std::filesystem::read_symlink(process.path() / "ns/net", error).string() == "net:[" + inode + "]") return true;
  }
  return false;
}

template <typename Predicate>
bool within(std::chrono::milliseconds limit, Predicate holds) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!holds() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  return holds();
}

// What a stand-in for tcpdrill left running, as it reported it.
struct Owner {
  pid_t pid = -1;
  pid_t sweeper = -1;
  pid_t background_job = -1;  // `sleep &`, in the command's process group
  pid_t daemon = -1;          // `setsid sleep &`, in a session of its own
  std::string namespace_inode;
};

// The owner's side: a private namespace, a sweeper, and a shell command whose background
// job and daemon outlive it; reports them, then waits to be killed.
// A failure shows as no report.
[[noreturn]] void run_owner(int report_fd) {
  ::setpgid(0, 0);
  try {
    const NetworkNamespace private_namespace = NetworkNamespace::enter();
    const NamespaceSweeper sweeper;
    ChildProcess shell = ChildProcess::shell(
        "sleep 1000 & echo $!; setsid sleep 1001 </dev/null >/dev/null 2>&1 & echo $!; wait", ChildOutput::Capture);
    while (std::count(shell.standard_output().begin(), shell.standard_output().end(), '\n') < 2)
      shell.wait_for(10ms);
    std::istringstream pids(shell.standard_output());
    pid_t background_job = 0, daemon = 0;
    pids >> background_job >> daemon;
    const std::string report = std::to_string(sweeper.pid()) + " " + std::to_string(background_job) + " " +
                               std::to_string(daemon) + " " + std::to_string(private_namespace.inode()) + "\n";
    [[maybe_unused]] const ssize_t written = ::write(report_fd, report.data(), report.size());
    for (;;) ::pause();
  } catch (const std::exception&) {
    ::_exit(1);
  }
}

Owner start_owner() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw_errno("pipe");
  UniqueFd read_end(ends[0]);
  UniqueFd write_end(ends[1]);
  Owner owner;
  owner.pid = ::fork();
  if (owner.pid == 0) {
    read_end.reset();
    run_owner(write_end.get());
  }
  ::setpgid(owner.pid, owner.pid);
  write_end.reset();
  std::string report;
  char c;
  while (::read(read_end.get(), &c, 1) == 1 && c != '\n') report += c;
  std::istringstream fields(report);
  fields >> owner.sweeper >> owner.background_job >> owner.daemon >> owner.namespace_inode;
  return owner;
}

// Whatever outlived the test must not run on for a thousand seconds.
void kill_leftovers(const Owner& owner) {
  for (pid_t pid : {owner.sweeper, owner.background_job, owner.daemon}) {
    if (pid > 0) ::kill(pid, SIGKILL);
  }
}

// How the owner dies: SIGKILL to it alone (kill -9, the OOM killer), or to its whole
// process group (the runner's timeout).
class KilledOwnerTest : public ::testing::TestWithParam<bool> {};

TEST_P(KilledOwnerTest, LeavesNothingInItsNamespace) {
  SKIP_WITHOUT_KERNEL();
  const bool whole_group = GetParam();
  const Owner owner = start_owner();
  ASSERT_GT(owner.daemon, 0) << "the owner did not report";
  ASSERT_TRUE(process_running(owner.background_job) && process_running(owner.daemon));
  EXPECT_EQ(::getpgid(owner.sweeper), owner.sweeper) << "the sweeper shares a process group";

  ASSERT_EQ(::kill(whole_group ? -owner.pid : owner.pid, SIGKILL), 0);
  ASSERT_EQ(::waitpid(owner.pid, nullptr, 0), owner.pid);

  EXPECT_TRUE(within(3s, [&] { return !process_running(owner.background_job); })) << "background job survived";
  EXPECT_TRUE(within(3s, [&] { return !process_running(owner.daemon); })) << "setsid daemon survived";
  EXPECT_TRUE(within(3s, [&] { return !namespace_referenced(owner.namespace_inode); }))
      << "something still holds the namespace";
  EXPECT_TRUE(within(3s, [&] { return !process_running(owner.sweeper); })) << "the sweeper did not finish";
  kill_leftovers(owner);
}

INSTANTIATE_TEST_SUITE_P(Kills, KilledOwnerTest, ::testing::Values(false, true),
                         [](const auto& info) { return std::string(info.param ? "WholeGroup" : "OwnerAlone"); });

TEST(NamespaceSweeperTest, DestructionSweepsWhatTheRunLeftButSparesItsOwner) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace&) {
    ChildProcess leftover = ChildProcess::shell("sleep 1000");
    pid_t sweeper_pid = 0;
    {
      const NamespaceSweeper sweeper;
      sweeper_pid = sweeper.pid();
    }
    const bool reaped = ::kill(sweeper_pid, 0) != 0 && errno == ESRCH;
    const bool leftover_killed = leftover.wait_for(1s).has_value();
    // Still running here: the owner was spared.
    return std::string(reaped ? "reaped" : "not reaped") + ", " + (leftover_killed ? "killed" : "untouched");
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text, "reaped, killed");
}

TEST(NamespaceSweeperTest, RefusesANamespaceItsParentShares) {
  try {
    const NamespaceSweeper sweeper;
    FAIL() << "started a sweeper for the namespace the test runner is in";
  } catch (const NetdevError& error) {
    EXPECT_NE(std::string(error.what()).find("not a private one"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace tcpdrill::netdev
