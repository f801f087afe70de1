// ICMP names are checked for the run's address family before anything runs, as
// packetdrill resolves them while it parses.

#include "runtime/icmp_name_check.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "child_run.h"
#include "parser/kernel_guard.h"
#include "parser/script_error.h"
#include "runtime/script_run.h"
#include "script_builder.h"

namespace tcpdrill::runtime::test {
namespace {

ast::Packet icmp(const std::string& type, std::optional<std::string> code) {
  ast::Packet packet;
  packet.direction = ast::Direction::Inbound;
  ast::IcmpMessage message;
  message.type_name = type;
  message.code_name = std::move(code);
  packet.body = message;
  return packet;
}

// A listener, then an ICMP unreachable with `code` at line 5.
ast::Script script_with_icmp_code(const std::string& code, const std::string& init_command = "") {
  ScriptBuilder builder;
  if (!init_command.empty()) builder.init_command(init_command);
  return builder.event(at(0), tcp_socket())
      .event(after(0), call("bind", {number(3), ellipsis(), ellipsis()}, 0))
      .event(after(0), call("listen", {number(3), number(1)}, 0))
      .event(after(0), call("close", {number(3)}, 0))
      .event(after(0), icmp("unreachable", code))
      .build();
}

std::vector<const ast::Event*> events_of(const ast::Script& script) {
  return select_events(script, ast::KernelVersion{6, 1, 0});
}

TEST(IcmpNameCheckTest, Ipv4CodeNameIsBadUnderIpv6AtItsLine) {
  const ast::Script script = script_with_icmp_code("host_unreachable");
  try {
    check_icmp_names(events_of(script), script.path, IpVersion::Ipv6);
    FAIL() << "host_unreachable accepted under ICMPv6";
  } catch (const ScriptError& error) {
    EXPECT_EQ(error.where().line, 5u);
    EXPECT_NE(std::string(error.what()).find("bad ICMPv6 code 'host_unreachable'"), std::string::npos)
        << error.what();
  }
}

TEST(IcmpNameCheckTest, MappedRunsUseIcmpv4Names) {
  const ast::Script script = script_with_icmp_code("host_unreachable");
  EXPECT_NO_THROW(check_icmp_names(events_of(script), script.path, IpVersion::Ipv4));
  EXPECT_NO_THROW(check_icmp_names(events_of(script), script.path, IpVersion::Ipv4MappedIpv6));
  EXPECT_THROW(check_icmp_names(events_of(script), script.path, IpVersion::Ipv6), ScriptError);
}

TEST(IcmpNameCheckTest, Icmpv6CodeNameIsBadUnderIpv4) {
  const ast::Script script = script_with_icmp_code("admin_prohibited");
  EXPECT_NO_THROW(check_icmp_names(events_of(script), script.path, IpVersion::Ipv6));
  EXPECT_THROW(check_icmp_names(events_of(script), script.path, IpVersion::Ipv4), ScriptError);
}

TEST(IcmpNameCheckTest, RunFailsAtTheIcmpLineBeforeItsInitCommandRuns) {
  if (const auto reason = why_host_cannot_run()) GTEST_SKIP() << *reason;
  const std::string marker = "/tmp/tcpdrill_icmp_check_" + std::to_string(getpid());
  RunConfig config;
  config.ip_version = IpVersion::Ipv6;
  const ChildRun run = run_in_child(script_with_icmp_code("host_unreachable", "touch " + marker), config);
  const bool init_ran = access(marker.c_str(), F_OK) == 0;
  unlink(marker.c_str());
  EXPECT_FALSE(run.passed);
  EXPECT_EQ(run.line, 5u) << run.message;
  EXPECT_FALSE(init_ran) << "the init command ran before the bad ICMP name was found";
}

}  // namespace
}  // namespace tcpdrill::runtime::test
