#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {

enum class ChildOutput {
  Inherit,  // the child writes to our stdout and stderr
  Capture,  // the child's stdout and stderr are collected, see standard_output()
};

struct ExitStatus {
  int exit_code = -1;  // when the child exited
  int signal = 0;      // when a signal killed it
  static ExitStatus from_wait_status(int wait_status);  // as waitpid() reports it
  bool success() const { return signal == 0 && exit_code == 0; }
  std::string to_string() const;  // "exit code 3", "killed by signal 9 (Killed)"
};

// A spawned child in a process group of its own. Destroying the object kills the whole
// group with SIGKILL and reaps the child, so whatever a shell command left running in
// the background (`sleep 100 &`) dies with it. A descendant that starts its own session
// or group (setsid, daemons) escapes the group and is not found. The kernel kills the
// child itself when we die (netdev/parent_bound_spawn.h): spawn it from a thread that
// waits for it, as every caller does.
class ChildProcess {
 public:
  // `/bin/sh -c command`, as packetdrill's shell-command events run them. An empty
  // `directory` is our current directory.
  static ChildProcess shell(const std::string& command, ChildOutput output = ChildOutput::Inherit,
                            const std::filesystem::path& directory = {});
  // argv[0] is looked up in PATH.
  static ChildProcess spawn(const std::vector<std::string>& argv, ChildOutput output = ChildOutput::Inherit,
                            const std::filesystem::path& directory = {});

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  // Waits up to timeout for the child to exit, collecting captured output meanwhile;
  // nullopt if it still runs. Once it has exited, returns the same status every time.
  std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);
  ExitStatus wait();
  // Signals every process in the child's group.
  void kill_group(int signal = SIGKILL);

  const std::string& standard_output() const { return standard_output_; }
  const std::string& standard_error() const { return standard_error_; }

 private:
  ChildProcess() = default;
  void drain_output();
  void destroy() noexcept;

  pid_t pid_ = -1;
  UniqueFd pid_fd_;  // readable once the child has exited
  UniqueFd stdout_pipe_;
  UniqueFd stderr_pipe_;
  std::string standard_output_;
  std::string standard_error_;
  std::optional<ExitStatus> status_;
};

}  // namespace tcpdrill::netdev
