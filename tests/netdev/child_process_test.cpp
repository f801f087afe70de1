#include "netdev/child_process.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <optional>
#include <thread>

#include "netdev/netdev_error.h"
#include "tests/netdev/killed_owner.h"

namespace tcpdrill::netdev {
namespace {

using std::chrono::milliseconds;

// Killed orphans become zombies until init reaps them, which may take a while or, in
// some containers, never; a zombie no longer runs, so it counts as gone.
bool process_gone(pid_t pid) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pid_field, command, state;
    if (stat >> pid_field >> command >> state && state == "Z") return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return false;
}

TEST(ChildProcessTest, CapturesOutputAndExitCode) {
  ChildProcess child = ChildProcess::shell("echo out; echo err >&2; exit 3", ChildOutput::Capture);
  const ExitStatus status = child.wait();
  EXPECT_EQ(status.exit_code, 3);
  EXPECT_FALSE(status.success());
  EXPECT_EQ(status.to_string(), "exit code 3");
  EXPECT_EQ(child.standard_output(), "out\n");
  EXPECT_EQ(child.standard_error(), "err\n");
}

TEST(ChildProcessTest, CapturesMoreThanAPipeHolds) {
  ChildProcess child = ChildProcess::shell("head -c 1000000 /dev/zero", ChildOutput::Capture);
  EXPECT_TRUE(child.wait().success());
  EXPECT_EQ(child.standard_output().size(), 1000000u);
}

TEST(ChildProcessTest, WaitForTimesOutWhileTheChildRuns) {
  ChildProcess child = ChildProcess::shell("sleep 10");
  EXPECT_FALSE(child.wait_for(milliseconds(20)).has_value());
  child.kill_group(SIGTERM);
  const std::optional<ExitStatus> status = child.wait_for(milliseconds(5000));
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->signal, SIGTERM);
  EXPECT_EQ(status->to_string(), "killed by signal 15 (Terminated)");
}

TEST(ChildProcessTest, RunsInItsOwnProcessGroup) {
  ChildProcess child = ChildProcess::shell("sleep 10");
  EXPECT_EQ(::getpgid(child.pid()), child.pid());
  EXPECT_NE(::getpgid(child.pid()), ::getpgrp());
}

TEST(ChildProcessTest, DestructionKillsBackgroundJobsOfTheGroup) {
  pid_t background = 0;
  {
    ChildProcess child = ChildProcess::shell("sleep 1000 & echo $!; wait", ChildOutput::Capture);
    for (int attempt = 0; attempt < 500 && child.standard_output().find('\n') == std::string::npos; ++attempt) {
      child.wait_for(milliseconds(10));
    }
    background = std::stoi(child.standard_output());
    ASSERT_EQ(::kill(background, 0), 0);
  }
  EXPECT_TRUE(process_gone(background));
}

TEST(ChildProcessTest, BackgroundJobsOutliveTheirShellUntilDestruction) {
  ChildProcess child = ChildProcess::shell("sleep 1000 >/dev/null 2>&1 & echo $!", ChildOutput::Capture);
  ASSERT_TRUE(child.wait().success());
  const pid_t background = std::stoi(child.standard_output());
  EXPECT_EQ(::kill(background, 0), 0);
  child = ChildProcess::shell("true");
  EXPECT_TRUE(process_gone(background));
}

// Outside the run's namespace (a VM guest) the sweeper cannot find a child: it has to
// die with the tcpdrill that started it, which here dies without running any code.
TEST(ChildProcessTest, ChildDiesWithItsOwnerWhateverKillsIt) {
  const pid_t child = testing::start_in_owner_then_kill_owner([] {
    static std::optional<ChildProcess> kept;  // alive until the owner is killed
    kept.emplace(ChildProcess::spawn({"sleep", "1000"}));
    return kept->pid();
  });
  ASSERT_GT(child, 0);
  EXPECT_TRUE(process_gone(child)) << "sleep outlived the process that started it";
  ::kill(child, SIGKILL);
}

TEST(ChildProcessTest, MissingProgramIsAnErrorNamingIt) {
  try {
    ChildProcess::spawn({"/nonexistent/program", "arg"});
    FAIL() << "spawned a missing program";
  } catch (const NetdevError& error) {
    EXPECT_EQ(error.code().value(), ENOENT);
    EXPECT_NE(std::string(error.what()).find("cannot start '/nonexistent/program arg'"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace tcpdrill::netdev
