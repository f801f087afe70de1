#include "netdev/preflight.h"

#include <gtest/gtest.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "kernel_test_support.h"
#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {
namespace {

// A fake /proc/sys with the congestion-control lists of a stock Debian host.
class FakeHost {
 public:
  FakeHost() : root_(std::filesystem::temp_directory_path() / ("netdev_preflight." + std::to_string(::getpid()))) {
    std::filesystem::create_directories(root_ / "net/ipv4");
    std::ofstream(root_ / "net/ipv4/tcp_allowed_congestion_control") << "reno bbr\n";
    std::ofstream(root_ / "net/ipv4/tcp_available_congestion_control") << "reno bbr cubic\n";
  }
  ~FakeHost() { std::filesystem::remove_all(root_); }
  HostPaths paths() const { return {.proc_sys = root_, .tun_device = "/dev/net/tun"}; }

 private:
  std::filesystem::path root_;
};

TEST(PreflightTest, AllowedCongestionControlIsNoProblem) {
  const FakeHost host;
  EXPECT_TRUE(Preflight(host.paths()).check_congestion_controls({"reno", "bbr"}).empty());
}

TEST(PreflightTest, LoadedButNotAllowedCongestionControlSaysHowToAllowIt) {
  const FakeHost host;
  const std::vector<std::string> problems = Preflight(host.paths()).check_congestion_controls({"cubic"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "congestion control cubic is not allowed in child network namespaces "
            "(net.ipv4.tcp_allowed_congestion_control = \"reno bbr\"); in the initial namespace run: "
            "sysctl -w net.ipv4.tcp_allowed_congestion_control=\"reno bbr cubic\"");
}

TEST(PreflightTest, UnloadedCongestionControlSaysToLoadItFirst) {
  const FakeHost host;
  const std::vector<std::string> problems = Preflight(host.paths()).check_congestion_controls({"vegas"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("congestion control vegas is not loaded"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("modprobe tcp_vegas && sysctl -w"), std::string::npos) << problems[0];
}

TEST(PreflightTest, RealHostReportsAnUnknownCongestionControl) {
  const std::vector<std::string> problems = Preflight().check_congestion_controls({"reno", "no_such_cc"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("congestion control no_such_cc is not loaded"), std::string::npos) << problems[0];
}

TEST(PreflightTest, SocketCongestionControlNeedsOnlyToExist) {
  const std::vector<std::string> problems = Preflight().check_socket_congestion_controls({"reno", "no_such_cc"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "congestion control no_such_cc cannot be selected by setsockopt(TCP_CONGESTION): No such file or directory "
            "(not built in and no module tcp_no_such_cc to load)");
}

TEST(PreflightTest, MissingTunDeviceIsReported) {
  const Preflight preflight(HostPaths{.proc_sys = "/proc/sys", .tun_device = "/nonexistent/net/tun"});
  const std::optional<std::string> problem = preflight.check_tun_device();
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->rfind("no /nonexistent/net/tun: ", 0), 0u) << *problem;
}

TEST(PreflightTest, RootHostHasTunAndNamespaces) {
  SKIP_WITHOUT_KERNEL();
  const Preflight preflight;
  EXPECT_EQ(preflight.check_tun_device(), std::nullopt);
  EXPECT_EQ(preflight.check_network_namespace(), std::nullopt);
}

TEST(PreflightTest, QdiscKindsAreTriedInTheKernel) {
  SKIP_WITHOUT_KERNEL();
  const std::vector<std::string> problems = Preflight().check_qdisc_kinds({"pfifo", "no_such_qdisc"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("qdisc no_such_qdisc is not available", 0), 0u) << problems[0];
}

TEST(PreflightTest, ProgramsAreLookedForInTheSearchPath) {
  HostPaths paths;
  paths.search_path = "/nonexistent:/bin";
  const std::vector<std::string> problems = Preflight(paths).check_programs({"sh", "no-such-tool"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "the script runs no-such-tool, which is not installed (not in PATH)");
}

TEST(PreflightTest, NetfilterToolsNeedTheKernelsNetfilterNetlink) {
  SKIP_WITHOUT_KERNEL();
  HostPaths paths;
  paths.search_path = "/usr/sbin:/sbin";
  if (::access("/usr/sbin/nft", X_OK) != 0 && ::access("/sbin/nft", X_OK) != 0) GTEST_SKIP() << "nft is not installed";
  const bool netlink = UniqueFd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER)).valid();
  const std::vector<std::string> problems = Preflight(paths).check_programs({"nft"});
  if (netlink) {
    EXPECT_TRUE(problems.empty()) << problems.front();
  } else {
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0], "the script runs nft, but this kernel has no netfilter netlink (nfnetlink)");
  }
}

TEST(PreflightTest, RequirementsGatherEveryProblem) {
  SKIP_WITHOUT_KERNEL();
  const FakeHost host;
  const std::vector<std::string> problems =
      Preflight(host.paths()).check_requirements({.congestion_controls = {"cubic"},
                                                  .qdisc_kinds = {"no_such_qdisc"},
                                                  .socket_congestion_controls = {"no_such_cc"}});
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_NE(problems[0].find("cubic"), std::string::npos);
  EXPECT_NE(problems[1].find("no_such_cc"), std::string::npos);
  EXPECT_NE(problems[2].find("no_such_qdisc"), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::netdev
