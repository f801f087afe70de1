// Nothing a run sets up may outlive it: no network namespace, no TUN device on the host,
// no name under /run/netns, no process.

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "kernel_test_support.h"
#include "netdev/child_process.h"
#include "netdev/host_network.h"
#include "netdev/network_namespace.h"
#include "netdev/scratch_namespace.h"

namespace tcpdrill::netdev {
namespace {

std::set<std::string> names_in(const std::filesystem::path& directory) {
  std::set<std::string> names;
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ignored)) {
    names.insert(entry.path().filename());
  }
  return names;
}

// Whether any process still has the namespace as its own, or any mount pins it.
bool namespace_still_referenced(const std::string& inode) {
  const std::string link_text = "net:[" + inode + "]";
  for (const auto& process : std::filesystem::directory_iterator("/proc")) {
    std::error_code error;
    const auto target = std::filesystem::read_symlink(process.path() / "ns/net", error);
    if (!error && target.string() == link_text) return true;
  }
  std::ifstream mounts("/proc/self/mountinfo");
  for (std::string line; std::getline(mounts, line);) {
    if (line.find(link_text) != std::string::npos) return true;
  }
  return false;
}

bool process_running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, command, state;
  return stat >> pid_field >> command >> state && state != "Z";
}

TEST(LeakTest, ARunLeavesNothingBehind) {
  SKIP_WITHOUT_KERNEL();
  const std::set<std::string> host_links = names_in("/sys/class/net");
  const std::set<std::string> named_namespaces = names_in("/run/netns");

  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace& scratch) {
    TunOptions offloads;
    offloads.tso_offload = true;
    HostNetwork network(scratch, test::ipv4_test_config(1500, offloads));
    ChildProcess shell = ChildProcess::shell("sleep 1000 & echo $!; wait", ChildOutput::Capture);
    while (shell.standard_output().find('\n') == std::string::npos) shell.wait_for(std::chrono::milliseconds(10));
    return std::to_string(current_network_namespace_inode()) + " " + shell.standard_output();
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  const std::string inode = outcome.text.substr(0, outcome.text.find(' '));
  const pid_t background = std::stoi(outcome.text.substr(outcome.text.find(' ') + 1));

  // SIGKILL takes a moment to finish a process, and until then it holds the namespace.
  bool running = true;
  for (int attempt = 0; attempt < 200 && running; ++attempt) {
    running = process_running(background);
    if (running) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(running) << "the background sleep " << background << " survived";
  EXPECT_FALSE(namespace_still_referenced(inode));
  EXPECT_EQ(names_in("/sys/class/net"), host_links);
  EXPECT_EQ(names_in("/run/netns"), named_namespaces);
}

}  // namespace
}  // namespace tcpdrill::netdev
