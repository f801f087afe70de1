#include "runtime/realtime_scheduling.h"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "runtime/shell_command.h"

namespace tcpdrill::runtime {
namespace {

pid_t thread_id() { return static_cast<pid_t>(syscall(SYS_gettid)); }

// The checks run in a forked child, whose exit code names the first one that failed, so
// the priority changes never reach the test process.
int check_priorities_in_child() {
  std::atomic<pid_t> sniffer_tid{0};
  std::atomic<bool> stop{false};
  std::thread sniffer([&] {
    sniffer_tid = thread_id();
    while (!stop) std::this_thread::yield();
  });
  while (sniffer_tid == 0) std::this_thread::yield();
  int failed = 0;
  {
    std::ostringstream log;
    const RealtimeScheduling realtime(true, log);
    if (sched_getscheduler(0) != SCHED_RR) failed = 10;
    else if (sched_getscheduler(sniffer_tid) != SCHED_RR) failed = 11;
    // Field 41 of /proc/PID/stat is the scheduling policy; 0 is SCHED_OTHER.
    else if (run_shell_command("test \"$(cut -d' ' -f41 /proc/$$/stat)\" = 0")) failed = 12;
  }
  if (!failed && sched_getscheduler(0) != SCHED_OTHER) failed = 13;
  if (!failed && sched_getscheduler(sniffer_tid) != SCHED_OTHER) failed = 14;
  stop = true;
  sniffer.join();
  return failed;
}

TEST(RealtimeScheduling, RaisesEveryThreadButNotCommandsAndRestoresAfter) {
  if (geteuid() != 0) GTEST_SKIP() << "SCHED_RR needs root";
  if (sysconf(_SC_NPROCESSORS_ONLN) <= 1) GTEST_SKIP() << "real-time priority is not used on one CPU";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(check_priorities_in_child());
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  // 10/11: a thread not raised; 12: a command inherited SCHED_RR; 13/14: not restored.
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace tcpdrill::runtime

namespace tcpdrill::runtime {
namespace {

TEST(RealtimeScheduling, OneCpuStaysAtNormalPriorityUnlessItIsTheRunsAlone) {
  EXPECT_TRUE(takes_realtime(2, nullptr));
  EXPECT_FALSE(takes_realtime(1, nullptr));
  EXPECT_FALSE(takes_realtime(1, "0"));
  EXPECT_TRUE(takes_realtime(1, "1"));
}

}  // namespace
}  // namespace tcpdrill::runtime
