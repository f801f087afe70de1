#include "runner/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <system_error>

#include "netdev/child_group_registry.h"
#include "netdev/parent_bound_spawn.h"

namespace tcpdrill::runner {
namespace {

using Clock = std::chrono::steady_clock;

std::system_error errno_error(const char* what) {
  return std::system_error(errno, std::generic_category(), what);
}

std::array<UniqueFd, 2> make_pipe() {
  int fds[2];
  // O_CLOEXEC: other threads spawn concurrently and must not inherit this pipe,
  // or our EOF would wait for their children.
  if (::pipe2(fds, O_CLOEXEC) != 0) throw errno_error("pipe2");
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

void append_limited(std::string& sink, const char* data, std::size_t size, std::size_t limit,
                    bool& truncated) {
  if (truncated) return;
  if (sink.size() + size <= limit) {
    sink.append(data, size);
    return;
  }
  sink.append(data, limit - sink.size());
  sink += "\n[tcpdrill run: output truncated]\n";
  truncated = true;
}

}  // namespace

ChildProcess::ChildProcess(const ChildRequest& request) {
  if (request.argv.empty()) throw std::invalid_argument("ChildProcess: empty argv");
  auto out_pipe = make_pipe();
  auto err_pipe = make_pipe();

  // Own process group: Ctrl-C on the terminal reaches only the runner, and a timeout
  // can kill the test together with everything it started. Bound to us: a runner that
  // dies without a word (SIGKILL, the OOM killer, SIGPIPE) takes its tests along, and
  // their namespace sweepers then clear what the tests started.
  netdev::ParentBoundCommand command;
  command.argv = request.argv;
  command.cwd = request.cwd;
  command.stdout_fd = out_pipe[1].get();
  command.stderr_fd = err_pipe[1].get();
  pid_ = netdev::spawn_parent_bound(command);
  netdev::register_child_group(pid_);
  out_ = std::move(out_pipe[0]);
  err_ = std::move(err_pipe[0]);
  exit_fd_.reset(open_pidfd(pid_));
}

ChildProcess::~ChildProcess() {
  if (reaped_) return;
  kill_group();
  reap();
}

bool ChildProcess::leader_exited() {
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return false;
  }
  return info.si_pid == pid_;
}

void ChildProcess::kill_group() { signal_group(SIGKILL); }

void ChildProcess::signal_group(int signo) {
  if (!reaped_) ::kill(-pid_, signo);
}

int ChildProcess::reap() {
  netdev::unregister_child_group(pid_);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  return status;
}

ChildOutcome run_child(const ChildRequest& request, const CancelSignal& cancel) {
  ChildOutcome outcome;
  const auto start = Clock::now();
  const auto deadline = start + request.timeout;
  ChildProcess child(request);

  bool leader_done = false;
  bool killed = false;
  bool out_truncated = false;
  bool err_truncated = false;
  Clock::time_point leader_end{};
  // After the leader is gone and its group killed, the pipes close within moments;
  // a process stuck in the kernel must still not hang the runner forever.
  Clock::time_point drain_deadline = Clock::time_point::max();
  constexpr auto kDrainLimit = std::chrono::seconds(5);
  // Without pidfd the leader's exit is noticed by polling waitid at this period.
  constexpr auto kExitPollPeriod = std::chrono::milliseconds(20);

  auto end_leader = [&] {
    leader_done = true;
    leader_end = Clock::now();
    child.kill_group();  // stragglers of a finished test are not allowed to linger
    drain_deadline = leader_end + kDrainLimit;
  };
  // SIGTERM first: tcpdrill then kills the groups of its own shell commands, which a
  // SIGKILL of this group alone would not reach. SIGKILL follows after the grace.
  constexpr auto kTerminateGrace = std::chrono::seconds(2);
  Clock::time_point kill_deadline = Clock::time_point::max();
  auto kill_with = [&](ChildEnding ending) {
    if (killed || leader_done) return;
    outcome.ending = ending;
    killed = true;
    child.signal_group(SIGTERM);
    kill_deadline = Clock::now() + kTerminateGrace;
  };

  while (!(leader_done && child.stdout_fd() < 0 && child.stderr_fd() < 0)) {
    const auto now = Clock::now();
    if (now >= drain_deadline) break;
    if (!leader_done && now >= deadline) kill_with(ChildEnding::TimedOut);
    if (!leader_done && now >= kill_deadline) {
      child.kill_group();
      kill_deadline = Clock::time_point::max();
    }

    std::array<pollfd, 4> fds{};
    nfds_t count = 0;
    auto add = [&](int fd) {
      if (fd >= 0) fds[count++] = pollfd{fd, POLLIN, 0};
    };
    add(child.stdout_fd());
    add(child.stderr_fd());
    if (!leader_done) add(child.exit_fd());
    if (!killed && !leader_done) add(cancel.poll_fd());

    auto wake = leader_done ? drain_deadline
                            : (killed ? std::min(kill_deadline, now + kDrainLimit) : deadline);
    if (!leader_done && child.exit_fd() < 0) wake = std::min(wake, now + kExitPollPeriod);
    const auto wait_ms =
        std::chrono::ceil<std::chrono::milliseconds>(std::max(wake - now, Clock::duration(0)));
    int ready = ::poll(fds.data(), count, static_cast<int>(std::min<int64_t>(wait_ms.count(), 60'000)));
    if (ready < 0 && errno != EINTR) throw errno_error("poll");

    for (nfds_t i = 0; i < count && ready > 0; ++i) {
      if (fds[i].revents == 0) continue;
      const int fd = fds[i].fd;
      if (fd == cancel.poll_fd()) {
        kill_with(ChildEnding::Cancelled);
        continue;
      }
      if (fd == child.exit_fd()) {
        end_leader();
        continue;
      }
      char buffer[16384];
      ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got > 0) {
        const bool is_out = fd == child.stdout_fd();
        append_limited(is_out ? outcome.standard_output : outcome.standard_error, buffer,
                       static_cast<std::size_t>(got), request.output_limit,
                       is_out ? out_truncated : err_truncated);
      } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
        if (fd == child.stdout_fd()) {
          child.close_stdout();
        } else {
          child.close_stderr();
        }
      }
    }
    if (!leader_done && child.exit_fd() < 0 && child.leader_exited()) end_leader();
  }

  if (!leader_done) {
    child.kill_group();
    leader_end = Clock::now();
  }
  const int status = child.reap();
  outcome.duration = leader_end - start;
  if (killed) return outcome;
  if (WIFEXITED(status)) {
    outcome.ending = ChildEnding::Exited;
    outcome.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    outcome.ending = ChildEnding::Signaled;
    outcome.signal = WTERMSIG(status);
  }
  return outcome;
}

}  // namespace tcpdrill::runner
