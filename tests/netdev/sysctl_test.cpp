#include "netdev/sysctl.h"

#include <gtest/gtest.h>

#include "kernel_test_support.h"
#include "netdev/netdev_error.h"
#include "netdev/scratch_namespace.h"

namespace tcpdrill::netdev {
namespace {

TEST(SysctlTest, DottedNamesMapToProcSysPaths) {
  const Sysctl sysctl;
  EXPECT_EQ(sysctl.path_of("net.ipv4.tcp_sack"), "/proc/sys/net/ipv4/tcp_sack");
  EXPECT_EQ(sysctl.path_of("net/ipv4/conf/eth0.100/rp_filter"), "/proc/sys/net/ipv4/conf/eth0.100/rp_filter");
  EXPECT_EQ(Sysctl("/tmp/fake").path_of("a.b"), "/tmp/fake/a/b");
}

TEST(SysctlTest, MissingNameIsAnErrorNamingIt) {
  try {
    Sysctl().read("net.ipv4.no_such_setting");
    FAIL() << "read a missing sysctl";
  } catch (const NetdevError& error) {
    EXPECT_EQ(error.code().value(), ENOENT);
    EXPECT_NE(std::string(error.what()).find("cannot read sysctl net.ipv4.no_such_setting"), std::string::npos)
        << error.what();
  }
}

TEST(SysctlTest, RoundTripInsideANamespace) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace&) {
    const Sysctl sysctl;
    const std::string before = sysctl.read("net.ipv4.tcp_sack");
    sysctl.write("net.ipv4.tcp_sack", before == "0" ? "1" : "0");
    const std::string after = sysctl.read("net.ipv4.tcp_sack");
    sysctl.write("net.ipv4.tcp_rmem", "4096 65536 1048576");
    return before + "|" + after + "|" + sysctl.read("net.ipv4.tcp_rmem");
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  const std::string before = outcome.text.substr(0, 1);
  EXPECT_EQ(outcome.text, before + "|" + (before == "0" ? "1" : "0") + "|4096\t65536\t1048576");
}

TEST(SysctlTest, RefusedValueIsAnErrorWithTheValue) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace&) {
    Sysctl().write("net.ipv4.tcp_congestion_control", "no_such_algorithm");
    return std::string("accepted");
  });
  EXPECT_FALSE(outcome.ok);
  EXPECT_NE(outcome.text.find("cannot set sysctl net.ipv4.tcp_congestion_control to 'no_such_algorithm'"),
            std::string::npos)
      << outcome.text;
}

}  // namespace
}  // namespace tcpdrill::netdev
