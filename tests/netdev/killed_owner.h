#pragma once

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

namespace tcpdrill::netdev::testing {

// A go-between process that starts a child with `start`, which returns its pid, and
// waits to be SIGKILLed: the way tcpdrill dies under SIGKILL or the OOM killer, without
// running a line of its own code. Returns the child's pid (-1 if none was reported)
// once the owner is dead and reaped.
inline pid_t start_in_owner_then_kill_owner(const std::function<pid_t()>& start) {
  int report[2];
  if (::pipe(report) != 0) return -1;
  const pid_t owner = ::fork();
  if (owner == 0) {
    ::close(report[0]);
    const pid_t child = start();
    if (::write(report[1], &child, sizeof child) != sizeof child) _exit(1);
    ::pause();
    _exit(0);
  }
  ::close(report[1]);
  pid_t child = -1;
  if (::read(report[0], &child, sizeof child) != static_cast<ssize_t>(sizeof child)) child = -1;
  ::close(report[0]);
  ::kill(owner, SIGKILL);
  ::waitpid(owner, nullptr, 0);
  return child;
}

}  // namespace tcpdrill::netdev::testing
