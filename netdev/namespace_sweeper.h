#pragma once

#include <sys/types.h>

#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {

// A process of our own that kills everything left in our private network namespace once
// we are gone without having destroyed it: SIGKILL, the OOM killer, a crash. Until
// then, nothing but our own signal handlers and destructors stop what a script started,
// and a plain SIGKILL runs neither. A script's background jobs, setsid daemons and their
// descendants would then run on, holding the namespace (and its TUN device) with them.
// All of them stay in the namespace the run created, unless one enters another
// namespace on purpose; that one is not found.
//
// It learns of our death from end of file on a pipe whose write end only we hold: the
// kernel closes it however the process ends and whichever thread made the sweeper
// (PR_SET_PDEATHSIG would follow the creating thread, not the process). It sits in a
// process group of its own, so a kill of ours -- Ctrl-C in a terminal, the runner's
// timeout -- does not end it with us.
//
// A PID namespace would make the kernel do the killing, but shell commands would see
// $PPID as 0 (their parent, tcpdrill, outside it), and packetdrill's and the kernel
// selftests' scripts restore sysctls with `/tmp/sysctl_restore_${PPID}.sh`, the file
// set_sysctls.py names after $PACKETDRILL_PID.
class NamespaceSweeper {
 public:
  // Guards the calling thread's network namespace. Throws NetdevError when the sweeper
  // cannot start, or when our parent process is in that namespace too: then it is not a
  // private one, and what is in it is not ours to kill.
  NamespaceSweeper();
  NamespaceSweeper(const NamespaceSweeper&) = delete;
  NamespaceSweeper& operator=(const NamespaceSweeper&) = delete;
  // Has the sweeper kill what is left in the namespace but us -- a daemon a command
  // started in a session of its own escapes the kill of the command's group -- and
  // waits for it (one pass over /proc, about 5 µs per host process).
  ~NamespaceSweeper();

  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  UniqueFd lifeline_;  // the write end; closed only by our death
};

}  // namespace tcpdrill::netdev
