#include "cli/script_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "cli/invocation_defaults.h"
#include "cli/script_options.h"
#include "cli/script_source.h"
#include "cli/unmet_requirements.h"
#include "netdev/preflight.h"
#include "netdev/termination_cleanup.h"
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
    runtime::run_script(script, config, out);
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
  const pid_t child = fork();
  if (child < 0) {
    err << "tcpdrill: fork: " << std::strerror(errno) << "\n";
    return 1;
  }
  if (child == 0) {
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

}  // namespace

int script_command(const ScriptCommandLine& command_line, std::string_view program_path,
                   std::ostream& out, std::ostream& err) {
  netdev::kill_child_groups_on_termination();
  const auto& paths = command_line.script_paths;
  if (paths.size() == 1) return run_one_script(paths.front(), command_line.flags, program_path, out, err);
  for (const auto& path : paths) {
    const int status = run_in_child(path, command_line.flags, program_path, out, err);
    if (status != 0) return status;
  }
  return 0;
}

}  // namespace tcpdrill::cli
