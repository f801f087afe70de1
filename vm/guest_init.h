#pragma once

namespace tcpdrill::vm {

// True when this process is the guest's PID 1: the kernel ran tcpdrill as /init of the
// initramfs that the host built for a --vm run.
bool is_guest_init(int argc, char** argv);

// PID 1 of the guest: mounts the kernel's filesystems, loads TUN, then runs the agent
// (vm/guest_agent.h) in a child and reaps every orphan until it ends; then powers off.
// Never returns.
[[noreturn]] void guest_init_main();

}  // namespace tcpdrill::vm
