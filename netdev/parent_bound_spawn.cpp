#include "netdev/parent_bound_spawn.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "netdev/executable_search.h"
#include "netdev/unique_fd.h"

extern char** environ;

namespace tcpdrill::netdev {
namespace {

std::system_error start_error(int error, const std::string& program) {
  return std::system_error(error, std::generic_category(), "cannot start " + program);
}

// The PATH search happens before fork: the child may only make async-signal-safe calls,
// and getenv/allocation are not. A name with a slash goes to exec as it is, so that exec
// says what is wrong with it.
std::string resolve_program(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  std::optional<std::string> found = find_executable(program, executable_search_path());
  if (!found) throw start_error(ENOENT, program);
  return std::move(*found);
}

// Everything the child needs, prepared before fork so that it only makes system calls.
struct PreparedExec {
  std::string program;
  std::vector<char*> argv;
  const char* cwd = nullptr;
  int stdout_fd = -1;
  int stderr_fd = -1;
  bool stdin_from_null = true;
  bool normal_scheduling = false;
  pid_t parent = 0;
  int error_pipe = -1;  // the child writes its errno here when exec fails
};

[[noreturn]] void fail_in_child(const PreparedExec& exec) {
  const int error = errno;
  [[maybe_unused]] ssize_t ignored = ::write(exec.error_pipe, &error, sizeof error);
  ::_exit(127);
}

[[noreturn]] void exec_in_child(const PreparedExec& exec) {
  die_with_parent(exec.parent);
  ::setpgid(0, 0);
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int signo = 1; signo < NSIG; ++signo) ::sigaction(signo, &default_action, nullptr);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  if (exec.stdin_from_null) {
    const int null = ::open("/dev/null", O_RDONLY);
    if (null < 0 || ::dup2(null, STDIN_FILENO) < 0) fail_in_child(exec);
    if (null != STDIN_FILENO) ::close(null);
  }
  if (exec.normal_scheduling) {
    const sched_param normal{};
    if (::sched_setscheduler(0, SCHED_OTHER, &normal) != 0) fail_in_child(exec);
  }
  if (exec.stdout_fd >= 0 && ::dup2(exec.stdout_fd, STDOUT_FILENO) < 0) fail_in_child(exec);
  if (exec.stderr_fd >= 0 && ::dup2(exec.stderr_fd, STDERR_FILENO) < 0) fail_in_child(exec);
  if (exec.cwd != nullptr && ::chdir(exec.cwd) != 0) fail_in_child(exec);
  ::execve(exec.program.c_str(), exec.argv.data(), environ);
  fail_in_child(exec);
}

}  // namespace

void die_with_parent(pid_t parent) noexcept {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);
}

pid_t spawn_parent_bound(const ParentBoundCommand& command) {
  if (command.argv.empty()) throw start_error(EINVAL, "an empty command");
  PreparedExec exec;
  exec.program = resolve_program(command.argv.front());
  for (const std::string& argument : command.argv) exec.argv.push_back(const_cast<char*>(argument.c_str()));
  exec.argv.push_back(nullptr);
  if (!command.cwd.empty()) exec.cwd = command.cwd.c_str();
  exec.stdout_fd = command.stdout_fd;
  exec.stderr_fd = command.stderr_fd;
  exec.stdin_from_null = command.stdin_from_null;
  exec.normal_scheduling = command.normal_scheduling;
  exec.parent = ::getpid();

  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw start_error(errno, command.argv.front());
  UniqueFd error_read(ends[0]);
  UniqueFd error_write(ends[1]);
  exec.error_pipe = error_write.get();

  const pid_t pid = ::fork();
  if (pid < 0) throw start_error(errno, command.argv.front());
  if (pid == 0) exec_in_child(exec);
  // Also here: a kill of the group must reach it even before the child's own setpgid.
  ::setpgid(pid, pid);
  error_write.reset();
  int child_error = 0;
  ssize_t got;
  while ((got = ::read(error_read.get(), &child_error, sizeof child_error)) < 0 && errno == EINTR) {
  }
  if (got == 0) return pid;  // end of file: exec closed the pipe
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
  throw start_error(got == sizeof child_error ? child_error : EIO, command.argv.front());
}

}  // namespace tcpdrill::netdev
