#pragma once

namespace tcpdrill::netdev {

// On SIGINT, SIGTERM or SIGHUP: SIGKILL every registered child group, then die of the
// signal as before. A script's shell commands run in groups of their own and would
// otherwise outlive tcpdrill, keeping its private network namespace alive with them.
// The namespace and the TUN device need nothing: they go when the last process in
// them does.
void kill_child_groups_on_termination();

}  // namespace tcpdrill::netdev
