#pragma once

#include <ostream>

#include "cli/command_line.h"

namespace tcpdrill::cli {

// packetdrill's mode: `tcpdrill [flags] a.pkt b.pkt ...` runs each script in turn and
// stops at the first failure. Returns 0 when all passed, 1 on a failure, 125 when
// this host cannot run a script (preflight).
int script_command(const ScriptCommandLine& command_line, std::ostream& out, std::ostream& err);

}  // namespace tcpdrill::cli
