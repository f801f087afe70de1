#pragma once

#include <vector>

#include "cli/command_line.h"
#include "parser/ast_event.h"
#include "runtime/run_config.h"

namespace tcpdrill::cli {

// The configuration a script runs with: `defaults`, then the script's own option lines
// (a bad one is a ScriptError at its line), then the command-line flags, which win.
runtime::RunConfig configure_script(const ast::Script& script,
                                    const std::vector<FlagSetting>& command_line_flags,
                                    const runtime::RunConfig& defaults);

}  // namespace tcpdrill::cli
