#include "netdev/scratch_namespace.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <exception>

#include "netdev/child_process.h"
#include "netdev/netdev_error.h"
#include "netdev/network_namespace.h"
#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {
namespace {

void write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// The child's side: the first byte says whether text is a result or an error.
[[noreturn]] void run_child(const std::function<std::string(const NetworkNamespace&)>& body, int report_fd) {
  int exit_code = 0;
  try {
    const NetworkNamespace scratch = NetworkNamespace::enter();
    write_all(report_fd, "+" + body(scratch));
  } catch (const std::exception& error) {
    write_all(report_fd, std::string("-") + error.what());
    exit_code = 1;
  }
  // _exit: the child must not run the parent's atexit handlers or flush its stdio.
  ::_exit(exit_code);
}

}  // namespace

ScratchOutcome run_in_scratch_namespace(const std::function<std::string(const NetworkNamespace&)>& body) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw_errno("cannot start a scratch namespace: pipe");
  UniqueFd read_end(ends[0]);
  UniqueFd write_end(ends[1]);

  const pid_t pid = ::fork();
  if (pid < 0) throw_errno("cannot start a scratch namespace: fork");
  if (pid == 0) {
    read_end.reset();
    run_child(body, write_end.get());
  }
  write_end.reset();

  std::string report;
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(read_end.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    report.append(chunk, static_cast<size_t>(n));
  }
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }

  if (report.empty()) {
    return {false, "scratch namespace child ended without a report: " +
                       ExitStatus::from_wait_status(wait_status).to_string()};
  }
  return {report.front() == '+', report.substr(1)};
}

}  // namespace tcpdrill::netdev
