#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace tcpdrill::netdev {

// What a process bound to its parent starts as: argv in a process group of its own,
// every signal at its default action and none blocked.
struct ParentBoundCommand {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no slash
  std::filesystem::path cwd;      // empty: inherit
  int stdout_fd = -1;             // -1: inherit
  int stderr_fd = -1;             // -1: inherit
  bool stdin_from_null = true;    // false: inherit
  // SCHED_OTHER whatever the parent runs at: a command that inherited a real-time event
  // loop's SCHED_RR would hold a CPU for whole round-robin slices.
  bool normal_scheduling = false;
};

// Starts `command` so that the kernel SIGKILLs it when its parent dies, however that
// happens: SIGKILL, the OOM killer, SIGPIPE, a signal without a handler. No code of the
// parent runs then, so only the kernel can keep this promise (PR_SET_PDEATHSIG).
//
// The kernel ties that signal to the *thread* that forked, not to the process: call this
// only from a thread that outlives the child (the runner's workers wait for their tests;
// the main thread always qualifies). Throws std::system_error, with errno's reason, when
// the program cannot be started.
pid_t spawn_parent_bound(const ParentBoundCommand& command);

// For a child made by fork() without exec: asks the kernel for SIGKILL on the death of
// the forking thread, and exits at once when `parent` died before the request took hold
// (the child was reparented in between). Async-signal-safe.
void die_with_parent(pid_t parent) noexcept;

}  // namespace tcpdrill::netdev
