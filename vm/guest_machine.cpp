#include "vm/guest_machine.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "vm/unlinked_file.h"
#include "vm/vm_error.h"

namespace tcpdrill::vm {
namespace {

namespace fs = std::filesystem;

using Clock = std::chrono::steady_clock;
constexpr std::size_t kConsoleKeep = 64 << 10;
// Exit status of the child when exec fails: QEMU is not installed.
constexpr int kExecFailed = 127;

std::pair<netdev::UniqueFd, netdev::UniqueFd> socket_pair() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    throw std::system_error(errno, std::generic_category(), "socketpair");
  }
  return {netdev::UniqueFd(fds[0]), netdev::UniqueFd(fds[1])};
}

}  // namespace

GuestMachine::GuestMachine(const GuestMachineConfig& machine_config, std::optional<CommandRequest> preloaded) {
  GuestMachineConfig config = machine_config;
  if (preloaded) {
    preloaded->id = next_id_++;
    const std::string message = encode_message(*preloaded);
    preloaded_file_ = open_unlinked_file(fs::temp_directory_path());
    if (!preloaded_file_.valid() ||
        ::write(preloaded_file_.get(), message.data(), message.size()) != static_cast<ssize_t>(message.size())) {
      throw VmUnavailable("cannot write the request for the guest in " + fs::temp_directory_path().string());
    }
    // QEMU reads it through this process's descriptor, as it does the image.
    config.preloaded_request = path_through_proc(preloaded_file_.get());
    preloaded_ = std::move(preloaded);
  }
  auto [console_host, console_guest] = socket_pair();
  auto [control_host, control_guest] = socket_pair();
  auto [monitor_host, monitor_guest] = socket_pair();
  int output[2];
  if (::pipe2(output, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
  netdev::UniqueFd output_read(output[0]);
  netdev::UniqueFd output_write(output[1]);
  netdev::UniqueFd snapshot;
  if (config.snapshot) {
    snapshot = netdev::UniqueFd(::open(config.snapshot->c_str(), O_RDONLY | O_CLOEXEC));
    if (!snapshot.valid()) throw VmUnavailable("cannot read the guest snapshot " + config.snapshot->string());
  }

  // Everything the child needs is prepared before fork: after it only async-signal-safe calls.
  const std::vector<std::string> argv_strings = qemu_command(config);
  std::vector<char*> argv;
  for (const std::string& arg : argv_strings) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const std::pair<int, int> inherited[] = {{console_guest.get(), kQemuConsoleFd},
                                           {control_guest.get(), kQemuControlFd},
                                           {monitor_guest.get(), kQemuMonitorFd},
                                           {snapshot.get(), kQemuSnapshotFd}};

  pid_ = ::fork();
  if (pid_ < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid_ == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(kExecFailed);
    const int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, STDIN_FILENO);
    ::dup2(output_write.get(), STDOUT_FILENO);
    ::dup2(output_write.get(), STDERR_FILENO);
    // Out of the way first, so that moving one descriptor to its number cannot close another.
    int lifted[std::size(inherited)];
    for (std::size_t i = 0; i < std::size(inherited); ++i) {
      lifted[i] = inherited[i].first < 0 ? -1 : ::fcntl(inherited[i].first, F_DUPFD_CLOEXEC, 100);
    }
    for (std::size_t i = 0; i < std::size(inherited); ++i) {
      if (lifted[i] >= 0) ::dup2(lifted[i], inherited[i].second);
    }
    ::execvp(argv[0], argv.data());
    const char message[] = "cannot run QEMU: ";
    ::write(STDERR_FILENO, message, sizeof message - 1);
    ::write(STDERR_FILENO, argv[0], std::strlen(argv[0]));
    ::write(STDERR_FILENO, " not found\n", 11);
    ::_exit(kExecFailed);
  }
  ::setpgid(pid_, pid_);
  console_ = std::move(console_host);
  console_stop_ = netdev::UniqueFd(::eventfd(0, EFD_CLOEXEC));
  channel_.emplace(std::move(control_host));
  monitor_.emplace(std::move(monitor_host));
  // QEMU's own messages ("could not load kernel") go to the same tail as the console.
  console_reader_ = std::thread([this, qemu_output = std::move(output_read)]() mutable {
    pollfd fds[3] = {{console_.get(), POLLIN, 0}, {qemu_output.get(), POLLIN, 0},
                     {console_stop_.get(), POLLIN, 0}};
    char buffer[4096];
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
      if (::poll(fds, 3, -1) < 0 && errno != EINTR) return;
      if (fds[2].revents & POLLIN) return;
      for (int i = 0; i < 2; ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
        if (n <= 0) {
          fds[i].fd = -1;
          continue;
        }
        const std::lock_guard lock(console_mutex_);
        console_text_.append(buffer, static_cast<std::size_t>(n));
        if (console_text_.size() > 2 * kConsoleKeep) console_text_.erase(0, console_text_.size() - kConsoleKeep);
      }
    }
  });
}

GuestMachine::~GuestMachine() {
  kill();
  if (console_stop_.valid()) {
    const std::uint64_t one = 1;
    (void)!::write(console_stop_.get(), &one, sizeof one);
  }
  if (console_reader_.joinable()) console_reader_.join();
}

void GuestMachine::kill() {
  if (pid_ <= 0 || dead_) return;
  ::kill(-pid_, SIGKILL);
  while (::waitpid(pid_, &wait_status_, 0) < 0 && errno == EINTR) {
  }
  dead_ = true;
}

std::string GuestMachine::console_text() const {
  std::string text;
  {
    const std::lock_guard lock(console_mutex_);
    text = console_text_;
  }
  std::string cleaned;
  for (char c : text) {
    if (c == '\r') continue;
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') continue;
    cleaned.push_back(c);
  }
  while (!cleaned.empty() && cleaned.back() == '\n') cleaned.pop_back();
  return cleaned;
}

std::string GuestMachine::console_tail(std::size_t lines) const {
  const std::string cleaned = console_text();
  std::size_t start = cleaned.size();
  for (std::size_t seen = 0; start > 0; --start) {
    if (cleaned[start - 1] == '\n' && ++seen == lines) break;
  }
  return cleaned.substr(start);
}

std::string GuestMachine::exit_description() {
  // The control socket closes a moment before QEMU is reaped; give it that moment.
  for (int i = 0; i < 200 && !dead_; ++i) {
    const pid_t done = ::waitpid(pid_, &wait_status_, WNOHANG);
    if (done == pid_) dead_ = true;
    else ::usleep(10'000);
  }
  kill();
  const std::string tail = console_tail();
  if (WIFEXITED(wait_status_) && WEXITSTATUS(wait_status_) == kExecFailed &&
      tail.find("cannot run QEMU") != std::string::npos) {
    return tail;
  }
  std::string what = WIFSIGNALED(wait_status_) ? "QEMU was killed by signal " + std::to_string(WTERMSIG(wait_status_))
                                               : "QEMU exited with status " + std::to_string(WEXITSTATUS(wait_status_));
  // The panic's own line is often more than a screen above the end (a stack dump follows).
  const std::string console = console_text();
  const auto line_with = [&](std::string_view marker) -> std::string {
    const std::size_t at = console.rfind(marker);
    if (at == std::string::npos) return {};
    const std::size_t begin = console.rfind('\n', at);
    const std::size_t end = console.find('\n', at);
    return console.substr(begin == std::string::npos ? 0 : begin + 1,
                          end == std::string::npos ? std::string::npos : end - begin - 1);
  };
  if (const std::string panic = line_with("Kernel panic"); !panic.empty()) {
    what = "the guest kernel panicked (" + panic + ")";
  } else if (const std::string oom = line_with("Out of memory"); !oom.empty()) {
    what = "the guest ran out of memory (" + oom + ")";
  }
  return what + "; the guest console's last lines:\n" + (tail.empty() ? "  (nothing)" : tail);
}

void GuestMachine::save_state(int fd, Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  ensure_monitor(deadline);
  // Saved stopped, a guest resumes stopped: its first request is written before it runs
  // on (see run()), so no idle guest time passes between resuming and the request.
  monitor_->execute("stop", nlohmann::json::object(), deadline);
  monitor_->pass_fd("snapshot", fd, deadline);
  // QEMU paces migration for a network (128 MiB/s by default); a local file needs no pacing.
  monitor_->execute("migrate-set-parameters", {{"max-bandwidth", std::int64_t{1} << 40}}, deadline);
  monitor_->execute("migrate", {{"uri", "fd:snapshot"}}, deadline);
  while (true) {
    const nlohmann::json progress = monitor_->execute("query-migrate", nlohmann::json::object(), deadline);
    const std::string status = progress.value("status", "");
    if (status == "completed") break;
    if (status == "failed" || status == "cancelled") {
      throw std::runtime_error("QEMU could not save the guest: " + progress.value("error-desc", status));
    }
    ::usleep(20'000);
  }
  monitor_->execute("cont", nlohmann::json::object(), deadline);
}

void GuestMachine::wait_resumed(Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  try {
    ensure_monitor(deadline);
    while (monitor_->execute("query-status", nlohmann::json::object(), deadline).value("status", "") != "paused") {
      ::usleep(10'000);
    }
  } catch (const std::runtime_error& error) {
    kill();
    throw VmUnavailable(std::string("the saved guest did not resume: ") + error.what() + "; " + console_tail());
  }
  stopped_ = true;
}

void GuestMachine::ensure_monitor(Clock::time_point deadline) {
  if (monitor_negotiated_) return;
  monitor_->negotiate(deadline);
  monitor_negotiated_ = true;
}

GuestReady GuestMachine::wait_ready(Clock::duration timeout, int interrupt_fd) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    ChannelEvent event = channel_->receive(deadline, interrupt_fd);
    if (auto* message = std::get_if<GuestMessage>(&event)) {
      if (auto* ready = std::get_if<GuestReady>(message)) {
        if (!ready->unusable_reason.empty()) {
          kill();
          throw VmUnavailable("guest kernel " + ready->kernel_release + ": " + ready->unusable_reason);
        }
        return *ready;
      }
      continue;
    }
    if (std::holds_alternative<ChannelClosed>(event)) {
      throw VmUnavailable("the guest did not boot: " + exit_description());
    }
    kill();
    if (std::holds_alternative<ChannelInterrupted>(event)) throw VmUnavailable("interrupted while the guest booted");
    throw VmUnavailable("the guest did not boot within " +
                        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(timeout).count()) +
                        " s; the guest console's last lines:\n" + console_tail());
  }
}

std::variant<CommandReply, GuestFailure> GuestMachine::run(const CommandRequest& request_in,
                                                           Clock::duration timeout, int interrupt_fd) {
  if (dead_) return GuestFailure{GuestFailure::Kind::Died, "the guest is gone"};
  CommandRequest request = request_in;
  try {
    if (preloaded_) {
      request = std::move(*preloaded_);
      preloaded_.reset();
    } else {
      request.id = next_id_++;
      channel_->send(request);
    }
    if (stopped_) {
      monitor_->execute("cont", nlohmann::json::object(), Clock::now() + std::chrono::seconds(30));
      stopped_ = false;
    }
  } catch (const std::runtime_error&) {  // the channel's system_error, or the monitor's
    return GuestFailure{GuestFailure::Kind::Died, exit_description()};
  }
  const auto deadline = Clock::now() + timeout;
  while (true) {
    ChannelEvent event = channel_->receive(deadline, interrupt_fd);
    if (auto* message = std::get_if<GuestMessage>(&event)) {
      if (auto* reply = std::get_if<CommandReply>(message); reply && reply->id == request.id) {
        return std::move(*reply);
      }
      continue;
    }
    if (std::holds_alternative<ChannelClosed>(event)) {
      return GuestFailure{GuestFailure::Kind::Died, "the guest died during the test: " + exit_description()};
    }
    const bool cancelled = std::holds_alternative<ChannelInterrupted>(event);
    std::string tail = console_tail();
    kill();
    if (cancelled) return GuestFailure{GuestFailure::Kind::Cancelled, "cancelled"};
    return GuestFailure{GuestFailure::Kind::TimedOut,
                        "the guest did not answer in time (a hung guest kernel?); the guest console's last lines:\n" +
                            (tail.empty() ? std::string("  (nothing)") : tail)};
  }
}

}  // namespace tcpdrill::vm
