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
#include "tests/netdev/killed_owner.h"

namespace tcpdrill::netdev {
namespace {

bool exits_within(int pid_fd, int milliseconds) {
  pollfd watched{pid_fd, POLLIN, 0};
  return ::poll(&watched, 1, milliseconds) == 1;
}

TEST(ParentBoundSpawn, ChildOfAKilledParentIsGoneWithinASecond) {
  const pid_t child = testing::start_in_owner_then_kill_owner(
      [] { return spawn_parent_bound({{"sleep", "1000"}, {}, -1, -1}); });
  ASSERT_GT(child, 0);
  const UniqueFd child_fd(static_cast<int>(::syscall(SYS_pidfd_open, child, 0)));
  if (!child_fd.valid()) return;  // already gone and reaped
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
