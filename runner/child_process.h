#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "runner/cancel_signal.h"
#include "netdev/unique_fd.h"

namespace tcpdrill::runner {

using netdev::UniqueFd;

// How a supervised child ended. LaunchFailed: it never started (the reason is in
// standard_error).
enum class ChildEnding { Exited, Signaled, TimedOut, Cancelled, LaunchFailed };

struct ChildRequest {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no slash
  std::filesystem::path cwd;      // empty: inherit
  std::chrono::milliseconds timeout{180'000};
  // A runaway test must not eat the runner's memory; beyond this much per stream the
  // rest is dropped and a marker line says so.
  std::size_t output_limit = 8u << 20;
};

struct ChildOutcome {
  ChildEnding ending = ChildEnding::Exited;
  int exit_code = 0;  // valid when ending == Exited
  int signal = 0;     // valid when ending == Signaled
  std::string standard_output;
  std::string standard_error;
  std::chrono::nanoseconds duration{0};
};

// One child process in its own process group, with stdin on /dev/null and stdout/stderr
// on pipes. Destroying it kills the whole group and reaps the leader, so no path out of
// the runner (exception, cancellation) leaves a test process behind; and the kernel
// kills the leader when the runner dies, whatever kills it (netdev/parent_bound_spawn.h:
// the thread that makes one must outlive it, as the blocking run_child does).
class ChildProcess {
 public:
  // Throws std::system_error when the program cannot be started (e.g. ENOENT).
  explicit ChildProcess(const ChildRequest& request);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  int stdout_fd() const { return out_.get(); }
  int stderr_fd() const { return err_.get(); }
  void close_stdout() { out_.reset(); }
  void close_stderr() { err_.reset(); }
  // Readable once the leader has exited (a pidfd); -1 on kernels without pidfd_open.
  int exit_fd() const { return exit_fd_.get(); }

  // True once the leader is a zombie (not yet reaped, so its pgid cannot be reused).
  bool leader_exited();
  // SIGKILL to every process of the group. Safe while the leader is unreaped.
  void kill_group();
  void signal_group(int signo);
  // Reaps the leader; returns the raw wait status.
  int reap();

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  UniqueFd out_;
  UniqueFd err_;
  UniqueFd exit_fd_;
};

// Runs a child to completion: collects its output, kills its group when the timeout
// expires or `cancel` is requested, and kills stragglers of the group once the leader
// exits. Blocks in poll(2) only; uses no CPU while the child runs.
ChildOutcome run_child(const ChildRequest& request, const CancelSignal& cancel);

}  // namespace tcpdrill::runner
