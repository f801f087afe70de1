#pragma once

#include <ostream>

#include "cli/command_line.h"

namespace tcpdrill::cli {

// packetdrill's mode: `tcpdrill [flags] a.pkt b.pkt ...` runs each script in turn and
// stops at the first failure. Returns 0 when all passed, 1 on a failure, 125 when
// this host cannot run a script (preflight). Each script's configuration starts from
// `defaults`.
int script_command(const ScriptCommandLine& command_line, const runtime::RunConfig& defaults,
                   std::ostream& out, std::ostream& err);

}  // namespace tcpdrill::cli
