#include "process_watch.h"

#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace tcpdrill::testing {
namespace {

namespace fs = std::filesystem;

std::vector<pid_t> all_pids() {
  std::vector<pid_t> pids;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/proc", error)) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") == std::string::npos) pids.push_back(std::stoi(name));
  }
  return pids;
}

std::string command_line_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (char& c : text) c = c == '\0' ? ' ' : c;
  if (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// The fourth field of /proc/PID/stat, after the command name in parentheses (which may
// itself hold spaces and parentheses).
std::optional<pid_t> parent_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t name_end = stat.rfind(')');
  if (name_end == std::string::npos || name_end + 4 >= stat.size()) return std::nullopt;
  std::istringstream fields(stat.substr(name_end + 4));  // skip ") S "
  pid_t parent = 0;
  if (!(fields >> parent)) return std::nullopt;
  return parent;
}

}  // namespace

pid_t start_tcpdrill(const std::vector<std::string>& arguments, int stdout_fd, int stderr_fd) {
  std::vector<std::string> copies = arguments;
  std::string binary = TCPDRILL_BINARY;
  std::vector<char*> argv{binary.data()};
  for (auto& argument : copies) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    if (stdout_fd >= 0) dup2(stdout_fd, STDOUT_FILENO);
    if (stderr_fd >= 0) dup2(stderr_fd, STDERR_FILENO);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return child;
}

std::optional<pid_t> find_process(const std::string& command_line) {
  for (pid_t pid : all_pids()) {
    if (command_line_of(pid) == command_line) return pid;
  }
  return std::nullopt;
}

std::string network_namespace_of(pid_t pid) {
  std::error_code error;
  return fs::read_symlink("/proc/" + std::to_string(pid) + "/ns/net", error).string();
}

bool something_holds_namespace(const std::string& net_namespace) {
  for (pid_t pid : all_pids()) {
    if (network_namespace_of(pid) == net_namespace) return true;
    std::error_code error;
    for (const auto& fd : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", error)) {
      std::error_code link_error;
      if (fs::read_symlink(fd.path(), link_error).string() == net_namespace) return true;
    }
  }
  return false;
}

bool WatchedProcess::exited() const {
  pollfd watched{pid_fd.get(), POLLIN, 0};
  return ::poll(&watched, 1, 0) > 0;
}

ProcessTree descendants_of(pid_t root) {
  std::map<pid_t, std::vector<pid_t>> children;
  for (pid_t pid : all_pids()) {
    if (const auto parent = parent_of(pid)) children[*parent].push_back(pid);
  }
  ProcessTree tree;
  const std::string ours = network_namespace_of(getpid());
  std::vector<pid_t> pending = children[root];
  while (!pending.empty()) {
    const pid_t pid = pending.back();
    pending.pop_back();
    netdev::UniqueFd pid_fd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pid_fd.valid()) continue;  // already gone
    const std::string net_namespace = network_namespace_of(pid);
    if (!net_namespace.empty() && net_namespace != ours) tree.net_namespaces.insert(net_namespace);
    tree.processes.push_back(WatchedProcess{pid, command_line_of(pid), std::move(pid_fd)});
    for (pid_t child : children[pid]) pending.push_back(child);
  }
  return tree;
}

}  // namespace tcpdrill::testing
