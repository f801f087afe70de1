// When `tcpdrill run`, or the parent of several scripts in packetdrill mode, dies --
// whatever kills it -- the tests it started are gone within two seconds, with everything
// they started: processes, network namespaces and so the TUN devices in them. Each case
// kills the parent from outside and then looks for what was below it.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "process_watch.h"
#include "tcpdrill_process.h"

namespace tcpdrill::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

enum class Death { Sigkill, Sigterm, Sigint, Sighup, Sigpipe, OomKill };

std::string death_name(Death death) {
  switch (death) {
    case Death::Sigkill: return "SIGKILL";
    case Death::Sigterm: return "SIGTERM";
    case Death::Sigint: return "SIGINT";
    case Death::Sighup: return "SIGHUP";
    case Death::Sigpipe: return "SIGPIPE";
    case Death::OomKill: return "OomKill";
  }
  return "";
}

// A script that blocks in a shell command whose command line is unique to the test, as
// in the reproduction.
void write_hanging_script(const fs::path& file, const std::string& sleep_seconds) {
  std::ofstream(file) << "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                         "+0 `sleep " << sleep_seconds << "`\n"
                         "+0 close(3) = 0\n";
}

// A memory cgroup of its own for one process, so that the kernel's OOM killer, not a
// signal of ours, ends it. Charges stay where they were made, so the limit only counts
// what the process allocates after the move.
class MemoryCgroup {
 public:
  static std::optional<fs::path> hierarchy() {
    std::ifstream controllers("/sys/fs/cgroup/cgroup.controllers");
    std::string name;
    while (controllers >> name) {
      if (name == "memory") return fs::path("/sys/fs/cgroup");
    }
    if (fs::exists("/sys/fs/cgroup/memory/memory.limit_in_bytes")) return fs::path("/sys/fs/cgroup/memory");
    return std::nullopt;
  }

  MemoryCgroup(const fs::path& hierarchy, std::size_t limit_bytes)
      : directory_(hierarchy / ("tcpdrill-oom-" + std::to_string(getpid()))), v1_(hierarchy.filename() == "memory") {
    std::error_code error;
    fs::create_directory(directory_, error);
    const fs::path limit = directory_ / (v1_ ? "memory.limit_in_bytes" : "memory.max");
    // Without the controller enabled for it, a new cgroup v2 group has no limit file.
    if (fs::exists(limit)) {
      std::ofstream file(limit);
      limited_ = static_cast<bool>(file << limit_bytes << std::flush);
    }
  }
  bool limited() const { return limited_; }
  ~MemoryCgroup() {
    std::error_code error;
    fs::remove(directory_, error);
  }
  MemoryCgroup(const MemoryCgroup&) = delete;
  MemoryCgroup& operator=(const MemoryCgroup&) = delete;

  bool move(pid_t pid) {
    std::ofstream procs(directory_ / "cgroup.procs");
    procs << pid << std::flush;
    return procs.good();
  }
  unsigned oom_kills() const {
    std::ifstream in(directory_ / (v1_ ? "memory.oom_control" : "memory.events"));
    std::string key;
    unsigned value = 0;
    while (in >> key >> value) {
      if (key == "oom_kill") return value;
    }
    return 0;
  }

 private:
  fs::path directory_;
  bool v1_;
  bool limited_ = false;
};

// Waits up to `limit` for our child `pid` to end; its wait status, or nullopt.
std::optional<int> wait_for_exit(pid_t pid, std::chrono::milliseconds limit) {
  int status = 0;
  if (eventually([&] { return waitpid(pid, &status, WNOHANG) == pid; }, limit)) return status;
  return std::nullopt;
}

void expect_all_gone(const ProcessTree& tree) {
  EXPECT_TRUE(eventually(
      [&] {
        for (const WatchedProcess& process : tree.processes) {
          if (!process.exited()) return false;
        }
        return true;
      },
      2s));
  for (const WatchedProcess& process : tree.processes) {
    EXPECT_TRUE(process.exited()) << "pid " << process.pid << " (" << process.command_line
                                  << ") outlived its parent by 2 s";
  }
  for (const std::string& net_namespace : tree.net_namespaces) {
    EXPECT_TRUE(eventually([&] { return !something_holds_namespace(net_namespace); }, 2s))
        << "something still holds the run's namespace " << net_namespace;
  }
}

// Nothing of a failed check may run on for a day.
void kill_leftovers(const ProcessTree& tree) {
  for (const WatchedProcess& process : tree.processes) {
    ::syscall(SYS_pidfd_send_signal, process.pid_fd.get(), SIGKILL, nullptr, 0);
  }
}

// The parent's tree once the hanging test blocks: the test, its sweeper, its shell
// command. Without one, the parent is killed and reaped, and nullopt says so.
std::optional<ProcessTree> tree_once_blocked(pid_t parent, const std::string& command) {
  if (eventually([&] { return find_process(command).has_value(); }, 15s)) {
    ProcessTree tree = descendants_of(parent);
    if (!tree.net_namespaces.empty()) return tree;
  }
  kill(parent, SIGKILL);
  waitpid(parent, nullptr, 0);
  return std::nullopt;
}

class RunnerDeathTest : public ::testing::TestWithParam<Death> {};

TEST_P(RunnerDeathTest, LeavesNoTestProcessNamespaceOrTunDevice) {
  if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  const Death death = GetParam();
  std::optional<fs::path> memory_hierarchy = MemoryCgroup::hierarchy();
  if (death == Death::OomKill && !memory_hierarchy) GTEST_SKIP() << "no cgroup memory controller";

  const std::string seconds = std::to_string(81000 + static_cast<int>(death));
  const fs::path directory = fs::temp_directory_path() / ("tcpdrill-runner-death-" + death_name(death));
  fs::remove_all(directory);
  fs::create_directories(directory);
  write_hanging_script(directory / "hang.pkt", seconds);
  // Ends while the other still hangs: the runner then writes its verdict (SIGPIPE) and
  // collects its output (the OOM case has it flood the runner).
  const std::string flood = death == Death::OomKill ? "; head -c 60000000 /dev/zero" : "";
  std::ofstream(directory / "later.pkt") << "0 `sleep 3" << flood << "`\n";

  int out[2];
  ASSERT_EQ(pipe2(out, O_CLOEXEC), 0);
  const int quiet = open("/dev/null", O_WRONLY | O_CLOEXEC);
  const fs::path junit = directory.string() + ".xml";
  fs::remove(junit);
  const pid_t runner = start_tcpdrill({"run", "-j", "2", "--timeout", "10", "-4", "--junit", junit.string(), directory.string()},
                                      death == Death::Sigpipe ? out[1] : quiet, quiet);
  close(out[1]);
  close(quiet);
  const std::optional<ProcessTree> tree = tree_once_blocked(runner, "sleep " + seconds);
  ASSERT_TRUE(tree) << "the hanging test never blocked in its own namespace";

  std::optional<MemoryCgroup> cgroup;
  switch (death) {
    case Death::Sigkill: kill(runner, SIGKILL); break;
    case Death::Sigterm: kill(runner, SIGTERM); break;
    case Death::Sigint: kill(runner, SIGINT); break;
    case Death::Sighup: kill(runner, SIGHUP); break;
    case Death::Sigpipe: break;  // nobody reads the runner's stdout from now on
    case Death::OomKill:
      cgroup.emplace(*memory_hierarchy, 2u << 20);
      if (!cgroup->limited() || !cgroup->move(runner)) {
        kill(runner, SIGKILL);
        waitpid(runner, nullptr, 0);
        kill_leftovers(*tree);
        close(out[0]);
        GTEST_SKIP() << "cannot put a process into a memory cgroup of its own here";
      }
      break;
  }
  close(out[0]);

  const std::optional<int> status = wait_for_exit(runner, 15s);
  if (!status) kill(runner, SIGKILL);
  ASSERT_TRUE(status.has_value()) << "the runner did not end";
  switch (death) {
    case Death::Sigkill:
    case Death::OomKill:
      EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL) << "status " << *status;
      if (cgroup) {
        EXPECT_GE(cgroup->oom_kills(), 1u) << "not the OOM killer";
      }
      break;
    case Death::Sigpipe:
      EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGPIPE) << "status " << *status;
      break;
    default: {  // handled: the runner stops its tests and reports an interrupted run
      EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 130) << "status " << *status;
      const std::string report = read_text_file(junit.string());
      EXPECT_NE(report.find("<skipped message=\"not run: the run was interrupted (" + death_name(death) + ")\"/>"),
                std::string::npos)
          << report;
      EXPECT_NE(report.find("tests=\"2\""), std::string::npos) << report;
    }
  }
  expect_all_gone(*tree);
  kill_leftovers(*tree);
}

INSTANTIATE_TEST_SUITE_P(Deaths, RunnerDeathTest,
                         ::testing::Values(Death::Sigkill, Death::Sigterm, Death::Sigint, Death::Sighup,
                                           Death::Sigpipe, Death::OomKill),
                         [](const auto& info) { return death_name(info.param); });

// `tcpdrill a.pkt b.pkt` runs each script in a child of its own; the parent's death ends it.
class PacketdrillParentDeathTest : public ::testing::TestWithParam<int> {};

TEST_P(PacketdrillParentDeathTest, LeavesNoScriptProcessOrNamespace) {
  if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  const int signo = GetParam();
  const std::string seconds = std::to_string(82000 + signo);
  const fs::path directory = fs::temp_directory_path() / ("tcpdrill-parent-death-" + seconds);
  fs::create_directories(directory);
  write_hanging_script(directory / "a.pkt", seconds);
  std::ofstream(directory / "b.pkt") << "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n";

  const int quiet = open("/dev/null", O_WRONLY | O_CLOEXEC);
  const pid_t parent = start_tcpdrill({(directory / "a.pkt").string(), (directory / "b.pkt").string()}, quiet, quiet);
  close(quiet);
  const std::optional<ProcessTree> tree = tree_once_blocked(parent, "sleep " + seconds);
  ASSERT_TRUE(tree) << "the script never blocked in its own namespace";
  kill(parent, signo);
  const std::optional<int> status = wait_for_exit(parent, 5s);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == signo) << "status " << *status;
  expect_all_gone(*tree);
  kill_leftovers(*tree);
}

INSTANTIATE_TEST_SUITE_P(Signals, PacketdrillParentDeathTest, ::testing::Values(SIGTERM, SIGKILL),
                         [](const auto& info) { return std::string(sigabbrev_np(info.param)); });

}  // namespace
}  // namespace tcpdrill::testing
