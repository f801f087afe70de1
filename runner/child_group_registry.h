#pragma once

#include <sys/types.h>

namespace tcpdrill::runner {

// The process groups of the test children alive right now, kept where a signal handler
// can reach them: a second Ctrl-C ends the runner at once, and must not leave test
// processes (in their own groups, so the terminal does not signal them) running.
// A group is registered before its leader could be reaped and unregistered before the
// leader is reaped, so its id cannot have been reused by then.
void register_child_group(pid_t pgid) noexcept;
void unregister_child_group(pid_t pgid) noexcept;

// SIGKILL to every registered group. Async-signal-safe.
void kill_registered_child_groups() noexcept;

}  // namespace tcpdrill::runner
