#include "runtime/shell_command.h"

namespace tcpdrill::runtime {

std::string exit_status_text(const netdev::ExitStatus& status) {
  if (status.signal != 0) return status.to_string();
  return "non-zero status " + std::to_string(status.exit_code);
}

std::optional<std::string> run_shell_command(const std::string& command,
                                             const std::filesystem::path& directory) {
  const netdev::ExitStatus status =
      netdev::ChildProcess::shell(command, netdev::ChildOutput::Inherit, directory).wait();
  if (status.success()) return std::nullopt;
  return exit_status_text(status);
}

}  // namespace tcpdrill::runtime
