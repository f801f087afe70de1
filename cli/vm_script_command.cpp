#include "cli/vm_script_command.h"

#include <filesystem>
#include <vector>

#include "cli/run_option_table.h"
#include "runner/cancel_signal.h"
#include "vm/guest_blueprint.h"
#include "vm/guest_paths.h"
#include "vm/vm_error.h"
#include "vm/vm_executor.h"

namespace tcpdrill::cli {
namespace fs = std::filesystem;

namespace {

constexpr int kExitUnavailable = 125;
constexpr int kExitInterrupted = 130;
// packetdrill's mode has no timeout on the host either; this only bounds a guest whose
// agent never answers.
constexpr std::chrono::hours kScriptTimeout{24};

fs::path this_executable() {
  std::error_code ec;
  const fs::path path = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path("tcpdrill") : path;
}

std::vector<std::string> guest_command(const ScriptCommandLine& command_line, const std::string& program) {
  // Under the name packetdrill the guest takes packetdrill's defaults too.
  const std::string name = fs::path(program).filename() == "packetdrill" ? "packetdrill" : "tcpdrill";
  std::vector<std::string> argv{std::string(vm::kGuestTcpdrillDir) + "/" + name};
  for (const FlagSetting& flag : command_line.flags) {
    argv.push_back("--" + flag.name + (flag.value ? "=" + *flag.value : ""));
  }
  for (const std::string& path : command_line.script_paths) {
    argv.push_back(fs::absolute(path).lexically_normal().string());
  }
  return argv;
}

}  // namespace

int vm_script_command(const ScriptCommandLine& command_line, const std::string& program,
                      std::ostream& out, std::ostream& err) {
  vm::VmSettings settings;
  settings.kernel = command_line.kernel.value_or("");
  settings.snapshot_dir = vm::default_snapshot_dir();
  if (command_line.vm_clock) {
    const auto clock = vm::parse_vm_clock(*command_line.vm_clock);
    if (!clock) throw OptionError("--vm-clock must be virtual or real, not '" + *command_line.vm_clock + "'");
    settings.clock = *clock;
  }
  std::vector<fs::path> scripts;
  for (const std::string& path : command_line.script_paths) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw OptionError(path + " is not a script file");
    scripts.emplace_back(path);
  }
  const runner::CancelSignal cancel;
  const runner::ScopedCancelOnSignals route_signals(cancel);
  try {
    vm::check_vm_host(settings);
    const fs::path cwd = fs::current_path();
    const vm::GuestBlueprint blueprint(settings, this_executable(), scripts, {cwd});
    vm::CommandRequest request;
    request.argv = guest_command(command_line, program);
    request.cwd = cwd.string();
    request.timeout = kScriptTimeout;
    request.output_files = vm::output_files_of(request.argv, cwd);
    const std::unique_ptr<vm::GuestMachine> guest = blueprint.boot(cancel.poll_fd(), request);
    auto answer = guest->run(request, vm::host_deadline_for(request.timeout), cancel.poll_fd());
    if (const auto* failure = std::get_if<vm::GuestFailure>(&answer)) {
      if (failure->kind == vm::GuestFailure::Kind::Cancelled) return kExitInterrupted;
      err << "tcpdrill: " << failure->message << "\n";
      return kExitUnavailable;
    }
    auto& reply = std::get<vm::CommandReply>(answer);
    out << reply.outcome.standard_output;
    std::string errors = reply.outcome.standard_error;
    vm::write_output_files(reply.files, errors);
    err << errors;
    switch (reply.outcome.ending) {
      case runner::ChildEnding::Exited: return reply.outcome.exit_code;
      case runner::ChildEnding::Signaled:
        err << "tcpdrill: the guest's tcpdrill was killed by signal " << reply.outcome.signal << "\n";
        return 1;
      default:
        err << "tcpdrill: the guest could not run tcpdrill\n";
        return 1;
    }
  } catch (const vm::VmUnavailable& error) {
    if (cancel.requested()) return kExitInterrupted;
    err << "tcpdrill: " << error.what() << "\n";
    return kExitUnavailable;
  }
}

}  // namespace tcpdrill::cli
