#pragma once

namespace tcpdrill::netdev {

// On SIGINT, SIGTERM or SIGHUP: SIGKILL every registered child group, then die of the
// signal as before. A script's shell commands run in groups of their own and would
// otherwise outlive tcpdrill, keeping its private network namespace alive with them.
// The namespace and the TUN device need nothing: they go when the last process in
// them does. What left its group (setsid daemons) is the NamespaceSweeper's, which
// sweeps once we are dead, whatever killed us.
void kill_child_groups_on_termination();

// What those handlers do, for handlers of their own: SIGKILL every registered child
// group, then die of `signo` with its default action once the handler returns.
// Async-signal-safe; call it only from a handler of `signo`.
void kill_child_groups_and_die(int signo) noexcept;

}  // namespace tcpdrill::netdev
