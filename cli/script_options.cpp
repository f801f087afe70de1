#include "cli/script_options.h"

#include "cli/run_option_table.h"
#include "parser/script_error.h"

namespace tcpdrill::cli {

runtime::RunConfig configure_script(const ast::Script& script,
                                    const std::vector<FlagSetting>& command_line_flags,
                                    const runtime::RunConfig& defaults) {
  runtime::RunConfig config = defaults;
  for (const auto& option : script.options) {
    try {
      apply_run_option(config, option.name, option.value);
    } catch (const OptionError& error) {
      throw ScriptError(script.path, option.location, error.what());
    }
  }
  apply_flags(config, command_line_flags);
  return config;
}

}  // namespace tcpdrill::cli
