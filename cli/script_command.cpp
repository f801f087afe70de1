#include "cli/script_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "cli/bounded_line_output.h"
#include "cli/invocation_defaults.h"
#include "cli/run_option_table.h"
#include "cli/script_options.h"
#include "cli/script_source.h"
#include "cli/unmet_requirements.h"
#include "netdev/parent_bound_spawn.h"
#include "netdev/preflight.h"
#include "netdev/termination_cleanup.h"
#include "parser/regular_file.h"
#include "parser/script_parser.h"
#include "runtime/script_run.h"

namespace tcpdrill::cli {
namespace {

constexpr int kExitPreflight = 125;

int run_one_script(const std::string& path, const std::vector<FlagSetting>& flags,
                   std::string_view program_path, std::ostream& out, std::ostream& err) {
  std::vector<std::string> problems;
  try {
    const ast::Script script = parse_script_file(path, defines_of(flags));
    const runtime::RunConfig config = configure_script(script, flags, default_run_config(program_path, path));
    runtime::check_script_for_run(script, config);
    if (config.dry_run) return 0;
    if (const auto problem = netdev::Preflight().check_host()) {
      err << path << ": cannot run on this host: " << *problem << "\n";
      return kExitPreflight;
    }
    problems = runtime::unmet_requirements(script, config);
    BoundedLineOutput log(out);
    runtime::run_script(script, config, log);
    return script_exit_status(RunOutcome::kPassed, !problems.empty());
  } catch (const ScriptError& error) {
    err << render_error(error);
    if (!problems.empty()) err << path << ": cannot run on this host: " << problems.front() << "\n";
    return script_exit_status(RunOutcome::kFailed, !problems.empty());
  }
}

// A run moves the process into a private network namespace for good, so every
// script after the first gets a process of its own.
int run_in_child(const std::string& path, const std::vector<FlagSetting>& flags,
                 std::string_view program_path, std::ostream& out, std::ostream& err) {
  out.flush();
  err.flush();
  const pid_t parent = getpid();
  const pid_t child = fork();
  if (child < 0) {
    err << "tcpdrill: fork: " << std::strerror(errno) << "\n";
    return 1;
  }
  if (child == 0) {
    // A parent killed by a signal of its own must not leave this script running on:
    // its sweeper then clears the namespace.
    netdev::die_with_parent(parent);
    const int status = run_one_script(path, flags, program_path, out, err);
    out.flush();
    err.flush();
    _exit(status);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  err << path << ": tcpdrill was killed by signal " << WTERMSIG(status) << "\n";
  return 1;
}

// Before any script runs: a FIFO or device would block or never end, and running a
// directory's scripts is `tcpdrill run`'s job (in parallel, with reports), which packetdrill
// mode, one script after another as packetdrill takes them, does not try to copy.
void refuse_non_regular_files(const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    const auto kind = non_regular_kind(path);
    if (!kind) continue;
    if (kind == "a directory") {
      throw OptionError(path + " is a directory; 'tcpdrill run " + path + "' runs the scripts in it");
    }
    throw OptionError(path + " is " + *kind + ", not a script file");
  }
}

}  // namespace

int script_command(const ScriptCommandLine& command_line, std::string_view program_path,
                   std::ostream& out, std::ostream& err) {
  netdev::kill_child_groups_on_termination();
  const auto& paths = command_line.script_paths;
  refuse_non_regular_files(paths);
  if (paths.size() == 1) return run_one_script(paths.front(), command_line.flags, program_path, out, err);
  for (const auto& path : paths) {
    const int status = run_in_child(path, command_line.flags, program_path, out, err);
    if (status != 0) return status;
  }
  return 0;
}

}  // namespace tcpdrill::cli
