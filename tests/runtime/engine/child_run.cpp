#include "child_run.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>

#include "netdev/unique_fd.h"
#include "parser/script_error.h"
#include "runtime/run_failure.h"
#include "runtime/script_run.h"

namespace tcpdrill::runtime::test {
namespace {

constexpr char kSeparator = '\x1f';

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

[[noreturn]] void child_main(int fd, const ast::Script& script, const RunConfig& config) {
  std::ostringstream log;
  std::string report;
  try {
    run_script(script, config, log);
    report = "PASS";
    report += kSeparator + std::string("0") + kSeparator + "0" + kSeparator + kSeparator + kSeparator;
  } catch (const ScriptError& error) {
    const auto* failure = dynamic_cast<const RunFailure*>(&error);
    report = "FAIL" + std::string(1, kSeparator) + std::to_string(error.where().line) + kSeparator +
             std::to_string(error.where().column) + kSeparator + error.what() + kSeparator +
             (failure ? failure->report() : "") + kSeparator;
  } catch (const std::exception& error) {
    report = "ESCAPED" + std::string(1, kSeparator) + "0" + kSeparator + "0" + kSeparator +
             "non-ScriptError escaped: " + error.what() + kSeparator + kSeparator;
  }
  write_all(fd, report + log.str());
  _exit(0);
}

}  // namespace

ChildRun run_in_child(const ast::Script& script, const RunConfig& config, int timeout_seconds) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return {.message = "pipe failed"};
  netdev::UniqueFd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
  const pid_t pid = fork();
  if (pid == 0) {
    read_end.reset();
    child_main(write_end.get(), script, config);
  }
  write_end.reset();

  std::string data;
  char buffer[4096];
  bool timed_out = false;
  for (;;) {
    pollfd readable{read_end.get(), POLLIN, 0};
    if (poll(&readable, 1, timeout_seconds * 1000) == 0) {
      timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    const ssize_t n = read(read_end.get(), buffer, sizeof buffer);
    if (n <= 0) break;
    data.append(buffer, static_cast<size_t>(n));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (timed_out) return {.message = "child timed out", .log = data};

  ChildRun run;
  std::istringstream fields(data);
  std::string verdict, line, column;
  std::getline(fields, verdict, kSeparator);
  std::getline(fields, line, kSeparator);
  std::getline(fields, column, kSeparator);
  std::getline(fields, run.message, kSeparator);
  std::getline(fields, run.report, kSeparator);
  std::getline(fields, run.log, '\0');
  run.passed = verdict == "PASS";
  run.line = line.empty() ? 0 : static_cast<uint32_t>(std::stoul(line));
  run.column = column.empty() ? 0 : static_cast<uint32_t>(std::stoul(column));
  if (verdict.empty()) run.message = "child died without a report, status " + std::to_string(status);
  return run;
}

std::optional<std::string> why_host_cannot_run() {
  if (geteuid() != 0) return "needs root for network namespaces and TUN devices";
  if (access("/dev/net/tun", R_OK | W_OK) != 0) return "no usable /dev/net/tun";
  return std::nullopt;
}

}  // namespace tcpdrill::runtime::test
