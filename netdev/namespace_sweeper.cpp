#include "netdev/namespace_sweeper.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {
namespace {

constexpr const char* kAttempt = "cannot start the namespace sweeper";

struct NamespaceIdentity {
  dev_t device;
  ino_t inode;
  bool operator==(const NamespaceIdentity&) const = default;
};

std::optional<NamespaceIdentity> namespace_of(const char* ns_link) {
  struct stat status {};
  if (::stat(ns_link, &status) != 0) return std::nullopt;
  return NamespaceIdentity{status.st_dev, status.st_ino};
}

// A zombie has no namespace any more, so it is never found.
std::optional<NamespaceIdentity> namespace_of_process(pid_t pid) {
  char link[64];
  std::snprintf(link, sizeof link, "/proc/%d/ns/net", static_cast<int>(pid));
  return namespace_of(link);
}

bool has_exited(int pid_fd) {
  pollfd watched{pid_fd, POLLIN, 0};
  return ::poll(&watched, 1, 0) > 0;
}

// A process already sent SIGKILL, kept by pidfd so that its pid, once reused, is new.
struct Killed {
  pid_t pid;
  UniqueFd pid_fd;
};

bool already_killed(const std::vector<Killed>& killed, pid_t pid) {
  for (const Killed& process : killed) {
    if (process.pid == pid && !has_exited(process.pid_fd.get())) return true;
  }
  return false;
}

// One pass over /proc; SIGKILLs every process in the namespace not killed before, but
// `spared`, and says whether there was one. A match is checked again once its pidfd is
// open, so a pid reused in between is never signalled: the pidfd names the process
// checked or a dead one.
bool kill_new_processes(const NamespaceIdentity& target, pid_t spared, std::vector<Killed>& killed) {
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return false;
  const pid_t self = ::getpid();
  bool found = false;
  while (const dirent* entry = ::readdir(proc)) {
    char* end = nullptr;
    const long number = std::strtol(entry->d_name, &end, 10);
    if (*end != '\0' || number <= 0 || number == self || number == spared) continue;
    const pid_t pid = static_cast<pid_t>(number);
    if (namespace_of_process(pid) != target || already_killed(killed, pid)) continue;
    UniqueFd pid_fd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pid_fd.valid() || namespace_of_process(pid) != target) continue;
    ::syscall(SYS_pidfd_send_signal, pid_fd.get(), SIGKILL, nullptr, 0);
    killed.push_back({pid, std::move(pid_fd)});
    found = true;
  }
  ::closedir(proc);
  return found;
}

// Passes until one finds nobody new. A process that forks while a pass runs leaves a
// child the pass may not see, and the next one does; a killed process forks no more.
void sweep(const NamespaceIdentity& target, pid_t spared) {
  std::vector<Killed> killed;
  while (kill_new_processes(target, spared, killed)) {
    const timespec pause{0, 1'000'000};
    ::nanosleep(&pause, nullptr);
  }
}

[[noreturn]] void run_sweeper(int lifeline, const NamespaceIdentity& target) {
  // Holding our stdout, a pipe to the runner or a TUN fd would keep them open; only the
  // lifeline stays.
  if (lifeline > 0) ::close_range(0, static_cast<unsigned>(lifeline) - 1, 0);
  ::close_range(static_cast<unsigned>(lifeline) + 1, ~0U, 0);
  ::setpgid(0, 0);
  for (int signo : {SIGINT, SIGTERM, SIGHUP}) ::signal(signo, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::prctl(PR_SET_NAME, "tcpdrill-sweep");

  // A byte: the run ended normally and waits for us, alive and in the namespace. End of
  // file: it died. Either way, nothing it started stays.
  const pid_t owner = ::getppid();
  char byte;
  ssize_t n;
  while ((n = ::read(lifeline, &byte, 1)) < 0 && errno == EINTR) {
  }
  if (n == 1) sweep(target, owner);
  if (n == 0) sweep(target, 0);
  ::_exit(0);
}

}  // namespace

NamespaceSweeper::NamespaceSweeper() {
  const std::optional<NamespaceIdentity> ours = namespace_of("/proc/thread-self/ns/net");
  if (!ours) throw_errno(std::string(kAttempt) + ": cannot identify our network namespace");
  if (namespace_of_process(::getppid()) == ours) {
    throw NetdevError(EINVAL, std::string(kAttempt) + ": our parent process shares our network namespace, "
                                                      "so it is not a private one");
  }

  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw_errno(std::string(kAttempt) + ": pipe");
  UniqueFd read_end(ends[0]);
  lifeline_.reset(ends[1]);

  pid_ = ::fork();
  if (pid_ < 0) throw_errno(std::string(kAttempt) + ": fork");
  if (pid_ == 0) run_sweeper(read_end.get(), *ours);
  // Also here: a kill of our group between fork and the child's own setpgid must not
  // reach it.
  ::setpgid(pid_, pid_);
}

NamespaceSweeper::~NamespaceSweeper() {
  const char run_ended = 'E';
  if (::write(lifeline_.get(), &run_ended, 1) != 1) ::kill(pid_, SIGKILL);
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace tcpdrill::netdev
