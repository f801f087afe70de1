#pragma once

namespace tcpdrill::vm {

// The guest's side of a --vm run, started by PID 1: prepares the kernel for scripts
// (TUN, congestion controls), says "ready" on the control port with the kernel release,
// then runs each command the host sends, as runner::run_child would on the host, and
// sends back its outcome and output files. Returns when the host closes the channel.
int run_guest_agent();

}  // namespace tcpdrill::vm
