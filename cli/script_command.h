#pragma once

#include <ostream>
#include <string_view>

#include "cli/command_line.h"

namespace tcpdrill::cli {

// packetdrill's mode: `tcpdrill [flags] a.pkt b.pkt ...` runs each script in turn and
// stops at the first failure. Returns 0 when all passed, 1 on a failure, 125 when
// this host cannot run a script (preflight). Each script's configuration starts from
// default_run_config() for the name tcpdrill was invoked under, `program_path`.
int script_command(const ScriptCommandLine& command_line, std::string_view program_path,
                   std::ostream& out, std::ostream& err);

}  // namespace tcpdrill::cli
