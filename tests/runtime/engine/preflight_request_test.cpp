#include "runtime/preflight_request.h"

#include <gtest/gtest.h>

#include "script_builder.h"

namespace tcpdrill::runtime {
namespace {

TEST(PreflightRequestTest, FindsCongestionControlsInCommands) {
  netdev::PreflightRequest request;
  add_command_requirements("sysctl -q net.ipv4.tcp_congestion_control=bbr", request);
  add_command_requirements("echo dctcp > /proc/sys/net/ipv4/tcp_congestion_control", request);
  add_command_requirements("sysctl -w net.ipv4.tcp_allowed_congestion_control='reno cubic'", request);
  add_command_requirements("sysctl -q net.ipv4.tcp_congestion_control=bbr", request);
  EXPECT_EQ(request.congestion_controls, (std::vector<std::string>{"bbr", "dctcp"}));
}

TEST(PreflightRequestTest, FindsRootQdiscKinds) {
  netdev::PreflightRequest request;
  add_command_requirements("tc qdisc add dev tun0 root pfifo limit 10", request);
  add_command_requirements("tc qdisc replace dev tun0 root handle 1: fq pacing", request);
  add_command_requirements("tc qdisc show dev tun0", request);
  EXPECT_EQ(request.qdisc_kinds, (std::vector<std::string>{"pfifo", "fq"}));
}

// A 200 kB argument once overflowed the stack inside std::regex.
TEST(PreflightRequestTest, HugeCommandNeitherCrashesNorHidesTheRest) {
  netdev::PreflightRequest request;
  add_command_requirements("tc qdisc add dev tun0 " + std::string(200'000, 'a') +
                               " root fq; sysctl -q net.ipv4.tcp_congestion_control=" + std::string(200'000, 'b') +
                               "\ntc qdisc add dev tun0 root pfifo",
                           request);
  EXPECT_EQ(request.qdisc_kinds, std::vector<std::string>{"pfifo"});
  EXPECT_TRUE(request.congestion_controls.empty());
}

TEST(PreflightRequestTest, FindsOptionalToolsWhereTheyStandAsCommands) {
  netdev::PreflightRequest request;
  add_command_requirements("../common/defaults.sh && nft -f - <<'RULES'\ntable inet t {}\nRULES", request);
  add_command_requirements("true; iptables -L | grep x", request);
  add_command_requirements("echo nft; cat /etc/nftables.conf; nft list ruleset", request);
  add_command_requirements("ip6tables-save >/dev/null", request);
  EXPECT_EQ(request.programs, (std::vector<std::string>{"nft", "iptables"}));
}

TEST(PreflightRequestTest, ReadsSetsockoptAndEveryCommandOfTheScript) {
  using namespace test;
  const ast::Script script =
      ScriptBuilder()
          .init_command("tc qdisc add dev tun0 root fq")
          .event(at(0), tcp_socket())
          .event(after(0), call("setsockopt", {number(3), symbol("IPPROTO_TCP"), symbol("TCP_CONGESTION"),
                                               text("vegas"), number(5)}, 0))
          .command(after(0), "sysctl -q net.ipv4.tcp_congestion_control=htcp")
          .build();
  const netdev::PreflightRequest request = preflight_request(script);
  EXPECT_EQ(request.congestion_controls, (std::vector<std::string>{"vegas", "htcp"}));
  EXPECT_EQ(request.qdisc_kinds, std::vector<std::string>{"fq"});
}

}  // namespace
}  // namespace tcpdrill::runtime
