// Whole runs against the kernel this test runs on, each in a forked child.

#include <dirent.h>
#include <net/if.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include <fstream>
#include <gtest/gtest.h>

#include "child_run.h"
#include "script_builder.h"

namespace tcpdrill::runtime::test {
namespace {

using ast::Direction;

#define SKIP_UNLESS_HOST_CAN_RUN()                                   \
  if (const auto reason = why_host_cannot_run()) GTEST_SKIP() << *reason

// Tests about anything but timing allow a whole second: a shared CI machine can stall
// a vCPU for milliseconds, which would fail them on the 4 ms default.
RunConfig stall_tolerant_config() {
  RunConfig config;
  config.tolerance_usecs = 1'000'000;
  return config;
}

ast::Syscall write_call(int64_t bytes) {
  return call("write", {number(4), ellipsis(), number(bytes)}, bytes);
}

class EveryIpVersionTest : public ::testing::TestWithParam<IpVersion> {};

TEST_P(EveryIpVersionTest, PassiveHandshakeWriteAckAndClose) {
  SKIP_UNLESS_HOST_CAN_RUN();
  const ast::Script script =
      ScriptBuilder()
          .passive_open()
          .event(after(0), write_call(1000))
          .event(after(0), tcp(Direction::Outbound, "P.", 1, 1000, 1, std::nullopt))
          .event(after(0.01), tcp(Direction::Inbound, ".", 1, 0, 1001, 257))
          .event(after(0), call("close", {number(4)}, 0))
          .event(after(0), tcp(Direction::Outbound, "F.", 1001, 0, 1, std::nullopt))
          .event(after(0.01), tcp(Direction::Inbound, "F.", 1, 0, 1002, 257))
          .event(after(0), tcp(Direction::Outbound, ".", 1002, 0, 2, std::nullopt))
          .build();
  RunConfig config = stall_tolerant_config();
  config.ip_version = GetParam();
  const ChildRun run = run_in_child(script, config);
  EXPECT_TRUE(run.passed) << run.line << ": " << run.message;
}

INSTANTIATE_TEST_SUITE_P(Variants, EveryIpVersionTest,
                         ::testing::Values(IpVersion::Ipv4, IpVersion::Ipv4MappedIpv6,
                                           IpVersion::Ipv6),
                         [](const auto& info) {
                           switch (info.param) {
                             case IpVersion::Ipv4: return "Ipv4";
                             case IpVersion::Ipv4MappedIpv6: return "Ipv4MappedIpv6";
                             case IpVersion::Ipv6: return "Ipv6";
                           }
                           return "Unknown";
                         });

TEST(EndToEndTest, CaptureFileHoldsInjectedAndSniffedPackets) {
  SKIP_UNLESS_HOST_CAN_RUN();
  RunConfig config = stall_tolerant_config();
  config.capture_path = "/tmp/tcpdrill_engine_capture_" + std::to_string(getpid()) + ".pcap";
  const ChildRun run = run_in_child(ScriptBuilder().passive_open().build(), config);
  ASSERT_TRUE(run.passed) << run.message;
  char error[PCAP_ERRBUF_SIZE];
  pcap_t* capture = pcap_open_offline(config.capture_path->c_str(), error);
  ASSERT_NE(capture, nullptr) << error;
  std::vector<uint8_t> tcp_flags;  // of every packet, in order
  pcap_pkthdr* header = nullptr;
  const u_char* bytes = nullptr;
  while (pcap_next_ex(capture, &header, &bytes) == 1)
    if (header->caplen >= 40) tcp_flags.push_back(bytes[20 + 13]);
  pcap_close(capture);
  unlink(config.capture_path->c_str());
  // SYN in, SYN-ACK out, ACK in; at the end the kernel's FIN for the closed accepted
  // socket and the RST that frees the connection, in either order (the sniffer thread
  // may read the FIN after the RST went in).
  ASSERT_EQ(tcp_flags.size(), 5u);
  EXPECT_EQ(std::vector<uint8_t>(tcp_flags.begin(), tcp_flags.begin() + 3),
            (std::vector<uint8_t>{0x02, 0x12, 0x10}));
  EXPECT_EQ(std::min(tcp_flags[3], tcp_flags[4]), 0x11);
  EXPECT_EQ(std::max(tcp_flags[3], tcp_flags[4]), 0x14);
}

TEST(EndToEndTest, ActiveConnectWithABlockingCall) {
  SKIP_UNLESS_HOST_CAN_RUN();
  const ast::Script script =
      ScriptBuilder()
          .event(at(0), tcp_socket())
          .event(after_blocking(0, 0.02), call("connect", {number(3), ellipsis(), ellipsis()}, 0))
          .event(after(0), tcp_any_options(Direction::Outbound, "S", 0, 0, std::nullopt))
          .event(after(0.02), tcp(Direction::Inbound, "S.", 0, 0, 1, 5792,
                                  {ast::tcp_option::Mss{1100}}))
          .event(after(0), tcp(Direction::Outbound, ".", 1, 0, 1, std::nullopt))
          .event(after(0), call("write", {number(3), ellipsis(), number(100)}, 100))
          .event(after(0), tcp(Direction::Outbound, "P.", 1, 100, 1, std::nullopt))
          .event(after(0.01), tcp(Direction::Inbound, ".", 1, 0, 101, 257))
          .build();
  const ChildRun run = run_in_child(script, stall_tolerant_config());
  EXPECT_TRUE(run.passed) << run.line << ": " << run.message;
}

TEST(EndToEndTest, EventsAfterABlockingAcceptSeeTheAcceptedSocket) {
  SKIP_UNLESS_HOST_CAN_RUN();
  using namespace ast::tcp_option;
  const ast::Script script =
      ScriptBuilder()
          .event(at(0), tcp_socket())
          .event(after(0), call("bind", {number(3), ellipsis(), ellipsis()}, 0))
          .event(after(0), call("listen", {number(3), number(1)}, 0))
          .event(after_blocking(0, 0.03), call("accept", {number(3), ellipsis(), ellipsis()}, 4))
          .event(after(0), tcp(Direction::Inbound, "S", 0, 0, std::nullopt, 32792, {Mss{1000}}))
          .event(after(0), tcp_any_options(Direction::Outbound, "S.", 0, 0, 1))
          .event(after(0.03), tcp(Direction::Inbound, ".", 1, 0, 1, 257))
          .check(after(0.005), assertion("tcpi_state", ast::AssertOperator::Equal, 1, "tcpi_state == 1"))
          .build();
  const ChildRun run = run_in_child(script, stall_tolerant_config());
  EXPECT_TRUE(run.passed) << run.line << ": " << run.message;
}

TEST(EndToEndTest, WrongFieldIsShownSideBySideAtItsLine) {
  SKIP_UNLESS_HOST_CAN_RUN();
  ScriptBuilder builder;
  builder.passive_open().event(after(0), write_call(1000));
  const uint32_t line = builder.next_line();
  builder.event(after(0), tcp(Direction::Outbound, "P.", 1, 1000, 1, 100));
  const ChildRun run = run_in_child(builder.build(), stall_tolerant_config());
  ASSERT_FALSE(run.passed);
  EXPECT_EQ(run.line, line);
  EXPECT_EQ(run.message.rfind("outbound packet does not match\n  script:  0.", 0), 0u) << run.message;
  EXPECT_NE(run.message.find("P. 1:1001(1000) ack 1 win 100\n  actual:  0."), std::string::npos)
      << run.message;
  EXPECT_NE(run.message.find("\n  tcp_window: expected 100, got "), std::string::npos) << run.message;
}

TEST(EndToEndTest, EarlyPacketIsATimingError) {
  SKIP_UNLESS_HOST_CAN_RUN();
  ScriptBuilder builder;
  builder.passive_open().event(after(0), write_call(1000));
  const uint32_t line = builder.next_line();
  builder.event(after(0.5), tcp(Direction::Outbound, "P.", 1, 1000, 1, std::nullopt));
  const ChildRun run = run_in_child(builder.build(), RunConfig{});
  ASSERT_FALSE(run.passed);
  EXPECT_EQ(run.line, line);
  EXPECT_EQ(run.message.rfind("timing error: expected outbound packet at 0.5", 0), 0u) << run.message;
  // Sent at once, due 0.5 s after the write: early by about 500 ms, less by however
  // late the packet left (more under a sanitizer than on a release build).
  const std::size_t early = run.message.find("(early by ");
  ASSERT_NE(early, std::string::npos) << run.message;
  const double early_ms = std::stod(run.message.substr(early + 10));
  EXPECT_GT(early_ms, 300.0) << run.message;
  EXPECT_LT(early_ms, 510.0) << run.message;
  EXPECT_NE(run.message.find("\n  script:  0.5"), std::string::npos) << run.message;
  EXPECT_NE(run.message.find("\n  the kernel sent this packet early"), std::string::npos) << run.message;
}

// The kernel retransmits while a long command runs; the script expects the retransmit
// right after the command, so it looks early. The error says the event before it ran
// long, not that the stack was early (as when the host stalls an injection).
TEST(EndToEndTest, PacketSentWhileTheEventBeforeItRanLongBlamesThatEvent) {
  SKIP_UNLESS_HOST_CAN_RUN();
  ScriptBuilder builder;
  builder.passive_open()
      .event(after(0), write_call(1000))
      .event(after(0), tcp(Direction::Outbound, "P.", 1, 1000, 1, std::nullopt))
      .command(after(0), "sleep 0.5");
  const uint32_t line = builder.next_line();
  builder.event(after(0), tcp(Direction::Outbound, "P.", 1, 1000, 1, std::nullopt));
  const ChildRun run = run_in_child(builder.build(), RunConfig{});
  ASSERT_FALSE(run.passed);
  EXPECT_EQ(run.line, line);
  EXPECT_NE(run.message.find("(early by "), std::string::npos) << run.message;
  const std::string blame = "\n  the event before this packet ended ";
  const std::size_t at = run.message.find(blame);
  ASSERT_NE(at, std::string::npos) << run.message;
  EXPECT_GE(std::stod(run.message.substr(at + blame.size())), 499.0) << run.message;
  EXPECT_NE(run.message.find("not the stack that was early"), std::string::npos) << run.message;
}

// A command that blocks past the next event's absolute time makes tcpdrill late: the
// error blames the host, not the kernel, and names the ways around it.
TEST(EndToEndTest, LateEventOfOursBlamesTheHost) {
  SKIP_UNLESS_HOST_CAN_RUN();
  const ast::Script script = ScriptBuilder()
                                 .event(at(0), tcp_socket())
                                 .command(at(0), "sleep 0.05")
                                 .event(at(0.02), call("close", {number(3)}, 0))
                                 .build();
  const ChildRun run = run_in_child(script, RunConfig{});
  ASSERT_FALSE(run.passed);
  EXPECT_EQ(run.message.rfind("timing error: expected system call start at 0.020000 sec", 0), 0u)
      << run.message;
  // 50 ms of sleep against an event due at 20 ms: at least 30 ms late.
  const std::string blame = "\n  tcpdrill ran this event ";
  const size_t at = run.message.find(blame);
  ASSERT_NE(at, std::string::npos) << run.message;
  EXPECT_GE(std::stod(run.message.substr(at + blame.size())), 29.9) << run.message;
  EXPECT_NE(run.message.find(" ms after it was due: a host stall", at), std::string::npos)
      << run.message;
  EXPECT_NE(run.message.find("not the kernel under test\n"), std::string::npos) << run.message;
  EXPECT_NE(run.message.find("--retry-timing N"), std::string::npos);
  EXPECT_NE(run.message.find("--vm"), std::string::npos);
}

TEST(EndToEndTest, NonFatalPacketTurnsMismatchesIntoWarnings) {
  SKIP_UNLESS_HOST_CAN_RUN();
  ScriptBuilder builder;
  builder.passive_open()
      .event(after(0), write_call(1000))
      .event(after(0), tcp(Direction::Outbound, "P.", 1, 1000, 1, 100));
  RunConfig config = stall_tolerant_config();
  config.non_fatal_packet = true;
  const ChildRun run = run_in_child(builder.build(), config);
  EXPECT_TRUE(run.passed) << run.message;
  EXPECT_NE(run.log.find("test.pkt:10:1: warning: outbound packet does not match"), std::string::npos)
      << run.log;
}

TEST(EndToEndTest, FailingShellCommandNamesItsStatus) {
  SKIP_UNLESS_HOST_CAN_RUN();
  const ast::Script script =
      ScriptBuilder()
          .event(at(0), tcp_socket())
          .command(after(0), "exit 3")
          .build();
  const ChildRun run = run_in_child(script, stall_tolerant_config());
  ASSERT_FALSE(run.passed);
  EXPECT_EQ(run.line, 2u);
  EXPECT_EQ(run.message, "error executing `exit 3` command: non-zero status 3");
}

// packetdrill's and the kernel selftests' scripts save sysctls to a file named after
// $PACKETDRILL_PID and restore them with `/tmp/sysctl_restore_${PPID}.sh`: a command's
// parent must be the process that exported the variable.
TEST(EndToEndTest, ShellCommandsSeeTheRunAsParentAndAsPacketdrillPid) {
  SKIP_UNLESS_HOST_CAN_RUN();
  const ast::Script script =
      ScriptBuilder()
          .event(at(0), tcp_socket())
          .command(after(0), "test -n \"$PACKETDRILL_PID\" && test \"$PPID\" = \"$PACKETDRILL_PID\"")
          .build();
  const ChildRun run = run_in_child(script, stall_tolerant_config());
  EXPECT_TRUE(run.passed) << run.message;
}

TEST(EndToEndTest, AssertionsSeeTheSocketUnderTest) {
  SKIP_UNLESS_HOST_CAN_RUN();
  ScriptBuilder passing;
  passing.passive_open().check(after(0), assertion("tcpi_snd_cwnd", ast::AssertOperator::Equal, 10,
                                                   "tcpi_snd_cwnd == 10"));
  const ChildRun pass = run_in_child(passing.build(), stall_tolerant_config());
  EXPECT_TRUE(pass.passed) << pass.message;

  ScriptBuilder failing;
  failing.passive_open().check(after(0), assertion("tcpi_snd_cwnd", ast::AssertOperator::Equal, 7,
                                                   "tcpi_snd_cwnd == 7"));
  const ChildRun fail = run_in_child(failing.build(), stall_tolerant_config());
  ASSERT_FALSE(fail.passed);
  EXPECT_EQ(fail.line, 9u);
  EXPECT_EQ(fail.message, "assertion failed: tcpi_snd_cwnd == 7 (tcpi_snd_cwnd = 10)");
}

TEST(EndToEndTest, PythonCodeRunsAfterTheScriptAndFailsAtItsLine) {
  SKIP_UNLESS_HOST_CAN_RUN();
  if (access("/usr/bin/python3", X_OK) != 0) GTEST_SKIP() << "no python3";
  ScriptBuilder passing;
  passing.passive_open().code(after(0), "assert tcpi_snd_cwnd == 10\nassert tcpi_state == TCP_ESTABLISHED");
  const ChildRun pass = run_in_child(passing.build(), stall_tolerant_config());
  EXPECT_TRUE(pass.passed) << pass.message;

  ScriptBuilder failing;
  failing.passive_open().code(after(0), "assert tcpi_snd_cwnd == 3, 'cwnd'");
  const ChildRun fail = run_in_child(failing.build(), stall_tolerant_config());
  ASSERT_FALSE(fail.passed);
  EXPECT_EQ(fail.line, 9u);
  EXPECT_EQ(fail.message.rfind("error in Python code\n", 0), 0u) << fail.message;
  EXPECT_NE(fail.message.find("AssertionError: cwnd"), std::string::npos) << fail.message;
}

// packetdrill's end-of-script order: the %{ }% code fails first; only a script whose code
// passes is failed for the call that is still blocked.
TEST(EndToEndTest, PythonCodeRunsBeforeTheCheckForAStillBlockedCall) {
  SKIP_UNLESS_HOST_CAN_RUN();
  if (access("/usr/bin/python3", X_OK) != 0) GTEST_SKIP() << "no python3";
  const auto blocked_read_then_code = [](const std::string& code) {
    ScriptBuilder builder;
    builder.passive_open()
        .event(after_blocking(0, 0.01), call("read", {number(4), ellipsis(), number(1000)}, 1000))
        .code(after(0.01), code);
    return builder.build();
  };
  const ChildRun failing_code =
      run_in_child(blocked_read_then_code("assert tcpi_snd_cwnd == 3, 'cwnd'"), stall_tolerant_config());
  ASSERT_FALSE(failing_code.passed);
  EXPECT_EQ(failing_code.line, 10u) << failing_code.message;
  EXPECT_NE(failing_code.message.find("AssertionError: cwnd"), std::string::npos) << failing_code.message;

  const ChildRun passing_code =
      run_in_child(blocked_read_then_code("assert tcpi_snd_cwnd == 10"), stall_tolerant_config());
  ASSERT_FALSE(passing_code.passed);
  EXPECT_EQ(passing_code.line, 9u) << passing_code.message;
  EXPECT_EQ(passing_code.message, "exiting while a blocking system call is in progress");
}

TEST(EndToEndTest, CallThatBlocksWithoutEndTimeFailsInsteadOfHanging) {
  SKIP_UNLESS_HOST_CAN_RUN();
  const ast::Script script =
      ScriptBuilder()
          .event(at(0), tcp_socket())
          .event(after(0), call("bind", {number(3), ellipsis(), ellipsis()}, 0))
          .event(after(0), call("listen", {number(3), number(1)}, 0))
          .event(after(0), call("accept", {number(3), ellipsis(), ellipsis()}, 4))
          .build();
  const ChildRun run = run_in_child(script, stall_tolerant_config());
  ASSERT_FALSE(run.passed);
  EXPECT_EQ(run.line, 4u);
  EXPECT_NE(run.message.find("accept: system call did not return within 2.000000 sec"), std::string::npos)
      << run.message;
}

TEST(EndToEndTest, VerboseTraceShowsEveryPacketAndCall) {
  SKIP_UNLESS_HOST_CAN_RUN();
  RunConfig config = stall_tolerant_config();
  config.verbose = 1;
  const ChildRun run = run_in_child(ScriptBuilder().passive_open().build(), config);
  ASSERT_TRUE(run.passed) << run.message;
  EXPECT_NE(run.log.find("socket syscall: 0.0"), std::string::npos) << run.log;
  EXPECT_NE(run.log.find("inbound injected packet: 0.0"), std::string::npos) << run.log;
  EXPECT_NE(run.log.find(" S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>"), std::string::npos)
      << run.log;
  EXPECT_NE(run.log.find("outbound sniffed packet: 0.0"), std::string::npos) << run.log;
  EXPECT_NE(run.log.find("accept syscall: 0.01"), std::string::npos) << run.log;
}

bool process_with_argument_exists(const std::string& argument) {
  DIR* proc = opendir("/proc");
  bool found = false;
  while (dirent* entry = readdir(proc)) {
    std::ifstream cmdline(std::string("/proc/") + entry->d_name + "/cmdline");
    std::string contents((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    if (contents.find(argument) != std::string::npos) found = true;
  }
  closedir(proc);
  return found;
}

TEST(EndToEndTest, InitAndCleanupRunAndNothingIsLeftBehind) {
  SKIP_UNLESS_HOST_CAN_RUN();
  const std::string marker = "/tmp/tcpdrill_engine_test_" + std::to_string(getpid());
  const ast::Script script =
      ScriptBuilder()
          .init_command("ip link show tun0 > " + marker)
          .event(at(0), tcp_socket())
          .command(after(0), "sleep 31.4159 &")
          .command(after(0), "exit 1")
          .cleanup_command("echo cleaned >> " + marker)
          .build();
  const ChildRun run = run_in_child(script, stall_tolerant_config());
  EXPECT_FALSE(run.passed);
  std::ifstream file(marker);
  const std::string contents((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  unlink(marker.c_str());
  EXPECT_NE(contents.find("tun0:"), std::string::npos) << "init ran before tun0 was up: " << contents;
  EXPECT_NE(contents.find("cleaned"), std::string::npos) << "cleanup did not run after the failure";
  EXPECT_EQ(if_nametoindex("tun0"), 0u) << "tun0 leaked into the test's namespace";
  EXPECT_FALSE(process_with_argument_exists("31.4159")) << "a command's background child survived";
}

}  // namespace
}  // namespace tcpdrill::runtime::test
