#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "netdev/child_process.h"

namespace tcpdrill::runtime {

// "non-zero status 3" for an exit code, "killed by signal 9 (Killed)" for a signal:
// the tail of packetdrill's "error executing ... command: ..." messages.
std::string exit_status_text(const netdev::ExitStatus& status);

// Runs `/bin/sh -c command` in `directory` (empty: ours) with our stdout and stderr and
// waits for it. nullopt when it succeeded, else exit_status_text().
std::optional<std::string> run_shell_command(const std::string& command,
                                             const std::filesystem::path& directory = {});

}  // namespace tcpdrill::runtime
