#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/run_config.h"

namespace tcpdrill::cli {

struct FlagSetting {
  std::string name;
  std::optional<std::string> value;
};

// packetdrill's command line: flags in the order given, then script paths.
struct ScriptCommandLine {
  std::vector<FlagSetting> flags;
  std::vector<std::string> script_paths;
  bool help = false;
  bool version = false;
  // --vm, --kernel=K, --vm-clock=MODE: run the scripts in a guest (cli/vm_script_command.h).
  bool vm = false;
  std::optional<std::string> kernel;
  std::optional<std::string> vm_clock;
};

// Parses argv (without argv[0]) with Boost.Program_options. Throws OptionError for
// an unknown flag or a missing value; flag values are checked by apply_run_option.
ScriptCommandLine parse_script_command_line(const std::vector<std::string>& arguments);

// Applies every flag to `config` in order; the command line wins over script option
// lines because it is applied after them.
void apply_flags(runtime::RunConfig& config, const std::vector<FlagSetting>& flags);

// The defines given with -D/--define, needed before a script is lexed.
Defines defines_of(const std::vector<FlagSetting>& flags);

std::string script_usage_text(const std::string& program);

}  // namespace tcpdrill::cli
