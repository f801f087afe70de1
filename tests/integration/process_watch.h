#pragma once

// Watching tcpdrill processes from outside: starting one without waiting, finding what it
// started in /proc, and checking that nothing of it is left once it is gone.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "netdev/unique_fd.h"

namespace tcpdrill::testing {

// Starts the tcpdrill binary under test; stdout and stderr go to the given fds when not -1.
pid_t start_tcpdrill(const std::vector<std::string>& arguments, int stdout_fd = -1, int stderr_fd = -1);

// The first process whose whole command line is `command_line` (arguments joined by spaces).
std::optional<pid_t> find_process(const std::string& command_line);

// "net:[4026532301]", or empty once the process is gone.
std::string network_namespace_of(pid_t pid);

// Whether a process is in `net_namespace` or holds a file descriptor to it.
bool something_holds_namespace(const std::string& net_namespace);

// A process seen alive, kept by pidfd so that its pid, once reused, is not mistaken for it.
struct WatchedProcess {
  pid_t pid;
  std::string command_line;
  netdev::UniqueFd pid_fd;
  bool exited() const;
};

// Every descendant of `root` right now, and the network namespaces they are in other
// than ours.
struct ProcessTree {
  std::vector<WatchedProcess> processes;
  std::set<std::string> net_namespaces;
};
ProcessTree descendants_of(pid_t root);

template <typename Predicate>
bool eventually(Predicate holds, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (holds()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return holds();
}

}  // namespace tcpdrill::testing
