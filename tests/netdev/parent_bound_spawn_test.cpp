#include "netdev/parent_bound_spawn.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <system_error>

#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {
namespace {

bool exits_within(int pid_fd, int milliseconds) {
  pollfd watched{pid_fd, POLLIN, 0};
  return ::poll(&watched, 1, milliseconds) == 1;
}

// A go-between process spawns `sleep`, reports its pid and is SIGKILLed: the way a
// runner dies under SIGKILL or the OOM killer, without running a line of its own code.
TEST(ParentBoundSpawn, ChildOfAKilledParentIsGoneWithinASecond) {
  int report[2];
  ASSERT_EQ(::pipe(report), 0);
  const pid_t parent = ::fork();
  ASSERT_GE(parent, 0);
  if (parent == 0) {
    ::close(report[0]);
    const pid_t child = spawn_parent_bound({{"sleep", "1000"}, {}, -1, -1});
    if (::write(report[1], &child, sizeof child) != sizeof child) _exit(1);
    ::pause();
    _exit(0);
  }
  ::close(report[1]);
  pid_t child = -1;
  ASSERT_EQ(::read(report[0], &child, sizeof child), static_cast<ssize_t>(sizeof child));
  ::close(report[0]);
  const UniqueFd child_fd(static_cast<int>(::syscall(SYS_pidfd_open, child, 0)));
  ASSERT_TRUE(child_fd.valid());
  EXPECT_FALSE(exits_within(child_fd.get(), 0));
  ASSERT_EQ(::kill(parent, SIGKILL), 0);
  ASSERT_EQ(::waitpid(parent, nullptr, 0), parent);
  EXPECT_TRUE(exits_within(child_fd.get(), 1000)) << "sleep outlived its parent";
  ::kill(child, SIGKILL);
}

TEST(ParentBoundSpawn, ChildRunsInItsOwnGroupInTheRequestedDirectory) {
  int out[2];
  ASSERT_EQ(::pipe2(out, O_CLOEXEC), 0);
  const pid_t child = spawn_parent_bound({{"sh", "-c", "echo $(pwd) $(ps -o pgid= $$)"}, "/tmp", out[1], -1});
  ::close(out[1]);
  char buffer[256] = {};
  ssize_t got = 0;
  for (ssize_t n; (n = ::read(out[0], buffer + got, sizeof buffer - 1 - got)) > 0;) got += n;
  ::close(out[0]);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);
  EXPECT_EQ(std::string(buffer), "/tmp " + std::to_string(child) + "\n");
}

TEST(ParentBoundSpawn, ProgramThatCannotStartThrowsWithTheReason) {
  try {
    spawn_parent_bound({{"tcpdrill-no-such-program"}, {}, -1, -1});
    ADD_FAILURE() << "started a missing program";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code().value(), ENOENT);
  }
  try {
    spawn_parent_bound({{"/bin/true"}, "/nonexistent/directory", -1, -1});
    ADD_FAILURE() << "started in a missing directory";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code().value(), ENOENT);
  }
}

}  // namespace
}  // namespace tcpdrill::netdev
