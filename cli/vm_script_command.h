#pragma once

#include <ostream>
#include <string>

#include "cli/command_line.h"

namespace tcpdrill::cli {

// `tcpdrill --vm [--kernel K] [--vm-clock MODE] [flags] a.pkt ...`: packetdrill's mode
// inside a guest. Boots the kernel under test, runs the same command line there (less
// the VM flags), relays its output and files, and returns its exit status; 125 when the
// guest cannot be had (no QEMU, no such kernel, a kernel that does not boot or lacks TUN).
int vm_script_command(const ScriptCommandLine& command_line, const std::string& program,
                      std::ostream& out, std::ostream& err);

}  // namespace tcpdrill::cli
