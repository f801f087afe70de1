// tcpdrill's one error boundary: every command returns an exit status, and whatever
// escapes a command is printed here as one line, never as a crash.
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/check_command.h"
#include "cli/command_line.h"
#include "cli/plot_command.h"
#include "cli/run_option_table.h"
#include "cli/script_command.h"
#include "cli/script_source.h"
#include "runner/diff_command.h"
#include "cli/vm_script_command.h"
#include "cli/vm_suite_backend.h"
#include "runner/run_command.h"
#include "runner/usage_error.h"
#include "vm/guest_init.h"

namespace {

constexpr int kExitUsage = 2;

int help_command(int argc, char** argv);

int dispatch(int argc, char** argv) {
  using namespace tcpdrill::cli;
  const std::string subcommand = argc > 1 ? argv[1] : "";
  if (subcommand == "run") {
    return tcpdrill::runner::run_suite_command(argc - 1, argv + 1, make_vm_suite_backend);
  }
  if (subcommand == "diff") return tcpdrill::runner::diff_command(argc - 1, argv + 1);
  if (subcommand == "help") return help_command(argc, argv);
  if (subcommand == "plot") {
    return plot_command(std::vector<std::string>(argv + 2, argv + argc), std::cout, std::cerr);
  }
  if (subcommand == "check") {
    return check_command(std::vector<std::string>(argv + 2, argv + argc), std::cout, std::cerr);
  }

  const ScriptCommandLine command_line =
      parse_script_command_line(std::vector<std::string>(argv + 1, argv + argc));
  if (command_line.help) {
    std::cout << script_usage_text("tcpdrill");
    return 0;
  }
  if (command_line.version) {
    std::cout << "tcpdrill " << TCPDRILL_VERSION << "\n";
    return 0;
  }
  if (command_line.script_paths.empty()) {
    std::cerr << "tcpdrill: missing script path\n" << script_usage_text("tcpdrill");
    return kExitUsage;
  }
  // Check every flag once up front, so a bad value is a usage error, not a failure
  // of whichever script happens to run first (or of a guest booted for nothing).
  tcpdrill::runtime::RunConfig scratch;
  apply_flags(scratch, command_line.flags);
  require_scripts_exist(command_line.script_paths);
  if (command_line.vm) {
    return vm_script_command(command_line, argc > 0 ? argv[0] : "tcpdrill", std::cout, std::cerr);
  }
  return script_command(command_line, argc > 0 ? argv[0] : "", std::cout, std::cerr);
}

// `tcpdrill help [run|check|diff|plot]`: the text of `tcpdrill [COMMAND] --help`.
int help_command(int argc, char** argv) {
  const std::string topic = argc > 2 ? argv[2] : "";
  if (argc > 3 || (!topic.empty() && topic != "run" && topic != "check" && topic != "diff" &&
                        topic != "plot")) {
    throw tcpdrill::cli::OptionError("help takes run, check, diff, plot or nothing");
  }
  std::string help_flag = "--help";
  std::string command = topic;
  std::vector<char*> arguments = {argv[0]};
  if (!topic.empty()) arguments.push_back(command.data());
  arguments.push_back(help_flag.data());
  return dispatch(static_cast<int>(arguments.size()), arguments.data());
}

}  // namespace

int main(int argc, char** argv) {
  if (tcpdrill::vm::is_guest_init(argc, argv)) tcpdrill::vm::guest_init_main();
  try {
    return dispatch(argc, argv);
  } catch (const tcpdrill::cli::MissingScriptError& error) {
    std::cerr << "tcpdrill: " << error.what() << "\n";
    return tcpdrill::runner::kExitMissingPath;
  } catch (const tcpdrill::cli::OptionError& error) {
    std::cerr << "tcpdrill: " << error.what() << "\n(see 'tcpdrill --help')\n";
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "tcpdrill: internal error: " << error.what() << "\n";
    return 1;
  }
}
