#pragma once

#include <sys/types.h>

namespace tcpdrill::netdev {

// The process groups of children alive right now (the runner's tests, a script's shell
// commands), kept where a signal handler can reach them. They sit in groups of their
// own, so neither the terminal nor a kill of our group reaches them, and a process
// ended by a signal must not leave them running.
// A group is registered before its leader could be reaped and unregistered before the
// leader is reaped, so its id cannot have been reused by then.
void register_child_group(pid_t pgid) noexcept;
void unregister_child_group(pid_t pgid) noexcept;

// SIGKILL to every registered group. Async-signal-safe.
void kill_registered_child_groups() noexcept;

}  // namespace tcpdrill::netdev
