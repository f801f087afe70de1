#include "netdev/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "netdev/child_group_registry.h"
#include "netdev/netdev_error.h"
#include "netdev/parent_bound_spawn.h"

namespace tcpdrill::netdev {
namespace {

// A pipe whose read end we keep (non-blocking, so draining never stalls) and whose write
// end the child gets.
UniqueFd pipe_to_child(UniqueFd& write_end, const std::string& attempted) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw_errno(attempted + ": pipe");
  UniqueFd read_end(ends[0]);
  write_end.reset(ends[1]);
  ::fcntl(read_end.get(), F_SETFL, O_NONBLOCK);
  return read_end;
}

// Appends what the pipe holds now; closes it at end of file.
void drain(UniqueFd& pipe, std::string& into) {
  char chunk[4096];
  while (pipe.valid()) {
    const ssize_t n = ::read(pipe.get(), chunk, sizeof chunk);
    if (n > 0) {
      into.append(chunk, static_cast<size_t>(n));
    } else if (n == 0) {
      pipe.reset();
    } else if (errno != EINTR) {
      return;  // EAGAIN: nothing more for now
    }
  }
}

}  // namespace

ExitStatus ExitStatus::from_wait_status(int wait_status) {
  ExitStatus status;
  if (WIFEXITED(wait_status)) status.exit_code = WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) status.signal = WTERMSIG(wait_status);
  return status;
}

std::string ExitStatus::to_string() const {
  if (signal != 0) return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "exit code " + std::to_string(exit_code);
}

ChildProcess ChildProcess::shell(const std::string& command, ChildOutput output,
                                 const std::filesystem::path& directory) {
  return spawn({"/bin/sh", "-c", command}, output, directory);
}

ChildProcess ChildProcess::spawn(const std::vector<std::string>& argv, ChildOutput output,
                                 const std::filesystem::path& directory) {
  std::string command_line;
  for (const std::string& argument : argv) command_line += (command_line.empty() ? "" : " ") + argument;
  const std::string attempted = "cannot start '" + command_line + "'";
  if (argv.empty()) throw NetdevError(EINVAL, attempted);

  // Own group, so one kill reaches everything the command starts; bound to us, so that a
  // tcpdrill killed without a word (SIGKILL, the OOM killer) takes it along even when it
  // is outside the run's namespace, out of the sweeper's reach (a VM guest).
  ParentBoundCommand command{argv, directory, -1, -1, false, true};
  ChildProcess child;
  UniqueFd stdout_write_end;
  UniqueFd stderr_write_end;
  if (output == ChildOutput::Capture) {
    child.stdout_pipe_ = pipe_to_child(stdout_write_end, attempted);
    child.stderr_pipe_ = pipe_to_child(stderr_write_end, attempted);
    command.stdout_fd = stdout_write_end.get();
    command.stderr_fd = stderr_write_end.get();
  }
  try {
    child.pid_ = spawn_parent_bound(command);
  } catch (const std::system_error& error) {
    throw NetdevError(error.code().value(), attempted);
  }
  register_child_group(child.pid_);

  child.pid_fd_.reset(static_cast<int>(::syscall(SYS_pidfd_open, child.pid_, 0)));
  if (!child.pid_fd_.valid()) throw_errno(attempted + ": pidfd_open");
  return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      pid_fd_(std::move(other.pid_fd_)),
      stdout_pipe_(std::move(other.stdout_pipe_)),
      stderr_pipe_(std::move(other.stderr_pipe_)),
      standard_output_(std::move(other.standard_output_)),
      standard_error_(std::move(other.standard_error_)),
      status_(std::move(other.status_)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    destroy();
    pid_ = std::exchange(other.pid_, -1);
    pid_fd_ = std::move(other.pid_fd_);
    stdout_pipe_ = std::move(other.stdout_pipe_);
    stderr_pipe_ = std::move(other.stderr_pipe_);
    standard_output_ = std::move(other.standard_output_);
    standard_error_ = std::move(other.standard_error_);
    status_ = std::move(other.status_);
  }
  return *this;
}

ChildProcess::~ChildProcess() { destroy(); }

void ChildProcess::destroy() noexcept {
  if (pid_ <= 0) return;
  // Also after the leader is gone: background jobs it left in the group still die here.
  ::kill(-pid_, SIGKILL);
  unregister_child_group(pid_);
  if (!status_) {
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  pid_ = -1;
}

void ChildProcess::kill_group(int signal) {
  if (pid_ > 0 && ::kill(-pid_, signal) != 0 && errno != ESRCH) {
    throw_errno("cannot signal process group " + std::to_string(pid_));
  }
}

void ChildProcess::drain_output() {
  drain(stdout_pipe_, standard_output_);
  drain(stderr_pipe_, standard_error_);
}

std::optional<ExitStatus> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  if (status_ || pid_ <= 0) return status_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    pollfd watched[3] = {{pid_fd_.get(), POLLIN, 0}, {stdout_pipe_.get(), POLLIN, 0}, {stderr_pipe_.get(), POLLIN, 0}};
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    const int ready = ::poll(watched, 3, static_cast<int>(std::max<int64_t>(0, left.count())));
    if (ready < 0 && errno != EINTR) throw_errno("cannot wait for process " + std::to_string(pid_));
    drain_output();
    if (ready > 0 && (watched[0].revents & POLLIN) != 0) {
      int wait_status = 0;
      unregister_child_group(pid_);
      while (::waitpid(pid_, &wait_status, 0) < 0) {
        if (errno != EINTR) throw_errno("cannot reap process " + std::to_string(pid_));
      }
      // Output written just before exiting is still in the pipes; later output from
      // background jobs that kept the pipes open is not waited for.
      drain_output();
      status_ = ExitStatus::from_wait_status(wait_status);
      return status_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
  }
}

ExitStatus ChildProcess::wait() {
  for (;;) {
    if (auto status = wait_for(std::chrono::hours(24))) return *status;
  }
}

}  // namespace tcpdrill::netdev
