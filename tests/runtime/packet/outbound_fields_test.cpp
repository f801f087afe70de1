#include <gtest/gtest.h>

#include "packet_test_support.h"
#include "runtime/packet/outbound_matcher.h"

namespace tcpdrill::runtime::packet {
namespace {

using ast::Direction;
using test::kLiveIsn;
using test::kLocal;
using test::kRemote;
namespace opt = ast::tcp_option;

// Compares a script data segment `P. 1:101(100) ack 1 win 502` (plus what a test
// changes) with the live segment the kernel would send for it (plus what a test breaks).
class OutboundFields : public ::testing::Test {
 protected:
  ast::TcpSegment& script_tcp() { return std::get<ast::TcpSegment>(script.body); }
  ast::TcpSegment& live_tcp() { return std::get<ast::TcpSegment>(live.packet.body); }

  MatchResult run() {
    return OutboundMatcher(config, test::stub_format).match(script, live, state, 0);
  }

  // The one difference expected.
  FieldMismatch only_mismatch() {
    const auto result = run();
    EXPECT_TRUE(result.problems.empty()) << result.describe();
    EXPECT_EQ(result.mismatches.size(), 1u) << result.describe();
    return result.mismatches.empty() ? FieldMismatch{} : result.mismatches.front();
  }
  std::string only_problem() {
    const auto result = run();
    EXPECT_TRUE(result.mismatches.empty()) << result.describe();
    EXPECT_EQ(result.problems.size(), 1u) << result.describe();
    return result.problems.empty() ? "" : result.problems.front();
  }

  RunConfig config;
  ConnectionState state = test::established_connection();
  ast::Packet script = test::script_tcp(Direction::Outbound, "P.", 1, 100, 1, 502);
  codec::DecodedPacket live = test::live_tcp(kLocal, kRemote, "P.", kLiveIsn + 1, 100, 1, 502);
};

TEST_F(OutboundFields, MatchingPacketHasNoDifferences) {
  const auto result = run();
  EXPECT_TRUE(result.matched()) << result.describe();
  EXPECT_FALSE(result.fatal);
  EXPECT_EQ(result.script_dump, ". 1:101(100) ack 1");
}

TEST_F(OutboundFields, AckSeq) {
  live_tcp().ack = 2;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"tcp_ack_seq", "1", "2"}));
}

TEST_F(OutboundFields, AckSeqIsComparedEvenWhenTheScriptOmitsIt) {
  script = test::script_tcp(Direction::Outbound, "R", 1, 0, std::nullopt, 0);
  live = test::live_tcp(kLocal, kRemote, "R", kLiveIsn + 1, 0, 9, 0);
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"tcp_ack_seq", "0", "9"}));
}

TEST_F(OutboundFields, Seq) {
  live_tcp().start_sequence += 10;
  live_tcp().end_sequence += 10;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"tcp_seq", "1", "11"}));
}

TEST_F(OutboundFields, WindowUnlessOmitted) {
  live_tcp().window = 63;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"tcp_window", "502", "63"}));
  script_tcp().window.reset();
  EXPECT_TRUE(run().matched());
}

TEST_F(OutboundFields, UrgentPointer) {
  live_tcp().urgent_pointer = 5;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"tcp_urg_ptr", "0", "5"}));
}

TEST_F(OutboundFields, EachFlag) {
  const std::vector<std::pair<std::string, bool ast::TcpFlags::*>> flags = {
      {"tcp_fin", &ast::TcpFlags::fin}, {"tcp_syn", &ast::TcpFlags::syn},
      {"tcp_rst", &ast::TcpFlags::rst}, {"tcp_psh", &ast::TcpFlags::psh},
      {"tcp_ack", &ast::TcpFlags::ack}, {"tcp_urg", &ast::TcpFlags::urg},
      {"tcp_ece", &ast::TcpFlags::ece}, {"tcp_cwr", &ast::TcpFlags::cwr},
      {"tcp_ae", &ast::TcpFlags::ae}};
  for (const auto& [name, member] : flags) {
    SCOPED_TRACE(name);
    // Flipping SYN or ACK moves the mapping, so flip only the script's copy.
    auto saved = script;
    script_tcp().flags.*member = !(script_tcp().flags.*member);
    const auto result = run();
    ASSERT_FALSE(result.mismatches.empty()) << result.describe();
    const bool expected_set = script_tcp().flags.*member;
    EXPECT_EQ(result.mismatches.front(),
              (FieldMismatch{name, expected_set ? "1" : "0", expected_set ? "0" : "1"}));
    script = saved;
  }
}

TEST_F(OutboundFields, AceDigitReplacesTheThreeBits) {
  script_tcp().flags.ace = 5;
  live_tcp().flags.ae = true;
  live_tcp().flags.ece = true;
  EXPECT_TRUE(run().matched());
  live_tcp().flags.cwr = true;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"tcp_ace", "5", "7"}));
}

TEST_F(OutboundFields, ReservedBits) {
  live.wire.tcp_reserved_bits = 2;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"tcp_reserved_bits", "0", "2"}));
}

TEST_F(OutboundFields, TotalLengthAndDataOffsetFollowTheScriptedSizes) {
  live.wire.ip_total_length += 4;
  live.wire.tcp_data_offset += 4;
  const auto result = run();
  EXPECT_EQ(result.mismatches, (std::vector<FieldMismatch>{{"ipv4_total_length", "140", "144"},
                                                           {"tcp_data_offset", "5", "6"}}));
}

TEST_F(OutboundFields, IpHeaderLengthAndProtocol) {
  live.wire.ip_header_length = 24;
  EXPECT_EQ(only_mismatch().field, "ipv4_header_length");
  live.wire.ip_header_length = 20;
  live.wire.ip_protocol = 17;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"ipv4_protocol", "6", "17"}));
}

TEST_F(OutboundFields, TosPerSpec) {
  live.wire.tos = 0x2e;
  EXPECT_TRUE(run().matched()) << "no tos written: not compared";
  script.ip.tos = ast::TosSpec{ast::TosSpec::Kind::Ecn, 2};
  EXPECT_TRUE(run().matched());
  script.ip.tos = ast::TosSpec{ast::TosSpec::Kind::Ecn, 3};
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"ip_ecn", "3", "2"}));
  script.ip.tos = ast::TosSpec{ast::TosSpec::Kind::EitherEct, 0};
  EXPECT_TRUE(run().matched());
  live.wire.tos = 0x2c;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"ip_ecn", "0x1 or 0x2", "0"}));
  script.ip.tos = ast::TosSpec{ast::TosSpec::Kind::Byte, 0x2c};
  EXPECT_TRUE(run().matched());
  script.ip.tos = ast::TosSpec{ast::TosSpec::Kind::Byte, 0x10};
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"tos", "16", "44"}));
}

TEST_F(OutboundFields, TtlOnlyWhenWritten) {
  live.wire.ttl = 3;
  EXPECT_TRUE(run().matched());
  script.ip.ttl = 64;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"ttl", "64", "3"}));
}

TEST_F(OutboundFields, EveryDifferenceIsListed) {
  live_tcp().ack = 2;
  live_tcp().window = 63;
  live_tcp().flags.psh = false;
  const auto result = run();
  EXPECT_EQ(result.mismatches,
            (std::vector<FieldMismatch>{
                {"tcp_psh", "1", "0"}, {"tcp_ack_seq", "1", "2"}, {"tcp_window", "502", "63"}}));
  EXPECT_EQ(result.describe(),
            "live packet field tcp_psh: expected: 1 (0x1) vs actual: 0 (0x0)\n"
            "live packet field tcp_ack_seq: expected: 1 (0x1) vs actual: 2 (0x2)\n"
            "live packet field tcp_window: expected: 502 (0x1f6) vs actual: 63 (0x3f)");
}

TEST_F(OutboundFields, PayloadBytes) {
  live_tcp().payload = ast::Bytes(100, 0);
  EXPECT_TRUE(run().matched()) << "explicit zeros equal the implicit ones";
  (*live_tcp().payload)[50] = 1;
  EXPECT_EQ(only_problem(), "incorrect outbound data payload");
  script_tcp().payload = *live_tcp().payload;
  EXPECT_TRUE(run().matched());
}

TEST_F(OutboundFields, BadIpChecksumIsFatal) {
  live.wire.ipv4_checksum_ok = false;
  EXPECT_EQ(only_problem(), "bad outbound IP checksum");
  EXPECT_TRUE(run().fatal);
}

TEST_F(OutboundFields, TransportOfAnotherKindIsALayerDifference) {
  live = test::live_udp(kLocal, kRemote, 100);
  const auto result = run();
  ASSERT_FALSE(result.problems.empty());
  EXPECT_EQ(result.problems.front(),
            "live packet header layer 1: expected: tcp header vs actual: udp header");
  EXPECT_EQ(result.mismatches, (std::vector<FieldMismatch>{{"ipv4_protocol", "6", "17"}}));
}

TEST_F(OutboundFields, OuterHeaderCountAndTypes) {
  script.outer_headers.push_back(ast::GreHeader{});
  EXPECT_EQ(only_problem(), "live packet header layers: expected: 3 headers vs actual: 2 headers");
  live.packet.outer_headers.push_back(ast::MplsLabelStack{});
  EXPECT_EQ(only_problem(),
            "live packet header layer 0: expected: gre header vs actual: mpls header");
}

TEST_F(OutboundFields, GreAndMplsContents) {
  script.outer_headers.push_back(ast::GreHeader{0x2000, 0, 0, 7, 0});
  live.packet.outer_headers.push_back(ast::GreHeader{0x2000, 0, 0, 8, 0});
  EXPECT_EQ(only_problem(), "mismatch in GRE key");
  live.packet.outer_headers[0] = ast::GreHeader{0x3000, 0, 0, 7, 1};
  const auto result = run();
  EXPECT_EQ(result.mismatches, (std::vector<FieldMismatch>{{"gre_len", "8", "12"}}));
  EXPECT_EQ(result.problems, (std::vector<std::string>{"mismatch in GRE flags"}));

  script.outer_headers[0] = ast::MplsLabelStack{{{100, 0, true, 64}}};
  live.packet.outer_headers[0] = ast::MplsLabelStack{{{100, 0, true, 63}}};
  EXPECT_EQ(only_problem(), "mismatch in MPLS label 0");
}

class OutboundOptions : public OutboundFields {
 protected:
  void with_options(std::vector<ast::TcpOption> script_options,
                    std::vector<ast::TcpOption> live_options) {
    script = test::script_tcp(Direction::Outbound, "P.", 1, 100, 1, 502, std::move(script_options));
    live =
        test::live_tcp(kLocal, kRemote, "P.", kLiveIsn + 1, 100, 1, 502, std::move(live_options));
  }
};

TEST_F(OutboundOptions, SameOptionsMatch) {
  with_options({opt::Mss{1460}, opt::SackPermitted{}, opt::Nop{}, opt::WindowScale{7}},
               {opt::Mss{1460}, opt::SackPermitted{}, opt::Nop{}, opt::WindowScale{7}});
  EXPECT_TRUE(run().matched()) << run().describe();
}

TEST_F(OutboundOptions, DifferentKindsOrOrder) {
  with_options({opt::Nop{}, opt::WindowScale{7}}, {opt::WindowScale{7}, opt::Nop{}});
  EXPECT_EQ(only_problem(), "bad outbound TCP options");
  with_options({opt::Mss{1460}}, {});
  const auto result = run();
  EXPECT_EQ(result.problems, (std::vector<std::string>{"bad outbound TCP options"}));
  EXPECT_EQ(result.mismatches, (std::vector<FieldMismatch>{{"ipv4_total_length", "144", "140"},
                                                           {"tcp_data_offset", "6", "5"}}));
}

TEST_F(OutboundOptions, BadValueNamesTheKindAndBothOptions) {
  with_options({opt::Nop{}, opt::WindowScale{8}}, {opt::Nop{}, opt::WindowScale{10}});
  EXPECT_EQ(only_problem(),
            "bad value in outbound TCP option (kind=3): expected: wscale 8 actual: wscale 10");
}

TEST_F(OutboundOptions, EveryBadOptionIsListed) {
  with_options({opt::Mss{1000}, opt::Nop{}, opt::WindowScale{8}},
               {opt::Mss{1460}, opt::Nop{}, opt::WindowScale{10}});
  EXPECT_EQ(
      run().problems,
      (std::vector<std::string>{
          "bad value in outbound TCP option (kind=2): expected: mss 1000 actual: mss 1460",
          "bad value in outbound TCP option (kind=3): expected: wscale 8 actual: wscale 10"}));
}

TEST_F(OutboundOptions, BadLength) {
  with_options({opt::Nop{}, opt::Nop{}, opt::Sack{{{1, 2}}, false}},
               {opt::Nop{}, opt::Nop{}, opt::Sack{{{1, 2}, {3, 4}}, false}});
  const auto result = run();
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].rfind("bad length in outbound TCP option (kind=5)", 0), 0u)
      << result.problems[0];
}

TEST_F(OutboundOptions, WildcardsMatchAnyValue) {
  with_options({opt::Mss{std::nullopt}, opt::Nop{}, opt::WindowScale{std::nullopt}, opt::Nop{},
                opt::Nop{}, opt::Sack{{}, true}},
               {opt::Mss{1460}, opt::Nop{}, opt::WindowScale{9}, opt::Nop{}, opt::Nop{},
                opt::Sack{{{5, 6}, {7, 8}}, false}});
  EXPECT_TRUE(run().matched()) << run().describe();
}

TEST_F(OutboundOptions, WildcardCountersOfAccEcn) {
  with_options({opt::Nop{}, opt::AccEcn{0, {std::nullopt, 5, std::nullopt}}},
               {opt::Nop{}, opt::AccEcn{0, {1, 5, 3}}});
  EXPECT_TRUE(run().matched()) << run().describe();
  with_options({opt::Nop{}, opt::AccEcn{0, {std::nullopt, 5, std::nullopt}}},
               {opt::Nop{}, opt::AccEcn{0, {1, 6, 3}}});
  EXPECT_EQ(only_problem().rfind("bad value in outbound TCP option (kind=172)", 0), 0u);
}

TEST_F(OutboundOptions, GenericOptionMatchesTheTypedOneWithTheSameBytes) {
  with_options({opt::Generic{2, 4, {0x05, 0xb4}}}, {opt::Mss{1460}});
  EXPECT_TRUE(run().matched()) << run().describe();
  with_options({opt::Generic{2, 4, {0x05, 0xb5}}}, {opt::Mss{1460}});
  EXPECT_EQ(only_problem().rfind("bad value in outbound TCP option (kind=2)", 0), 0u);
}

TEST_F(OutboundOptions, GenericTimestampComparesItsBytes) {
  with_options({opt::Nop{}, opt::Nop{}, opt::Generic{8, 10, {0, 0, 0, 1, 0, 0, 0, 2}}},
               {opt::Nop{}, opt::Nop{}, opt::Timestamp{1, 2}});
  EXPECT_TRUE(run().matched()) << run().describe();
  with_options({opt::Nop{}, opt::Nop{}, opt::Generic{8, 10, {0, 0, 0, 1, 0, 0, 0, 3}}},
               {opt::Nop{}, opt::Nop{}, opt::Timestamp{1, 2}});
  EXPECT_EQ(only_problem().rfind("bad value in outbound TCP option (kind=8)", 0), 0u);
}

TEST_F(OutboundOptions, FastOpenAndMd5CompareTheirBytes) {
  with_options({opt::FastOpen{{1, 2, 3, 4}, false}}, {opt::FastOpen{{1, 2, 3, 4}, false}});
  EXPECT_TRUE(run().matched());
  with_options({opt::FastOpen{{1, 2, 3, 4}, false}}, {opt::FastOpen{{1, 2, 3, 5}, false}});
  EXPECT_EQ(only_problem().rfind("bad value in outbound TCP option (kind=34)", 0), 0u);
  with_options({opt::Nop{}, opt::Nop{}, opt::Md5{ast::Bytes(16, 0xaa)}},
               {opt::Nop{}, opt::Nop{}, opt::Md5{ast::Bytes(16, 0xab)}});
  EXPECT_EQ(only_problem().rfind("bad value in outbound TCP option (kind=19)", 0), 0u);
}

TEST_F(OutboundOptions, AnyOptionsSkipsThemAndAllowsTheirLength) {
  with_options({}, {opt::Mss{1460}, opt::Nop{}, opt::WindowScale{7}});
  script_tcp().options = ast::AnyTcpOptions{};
  EXPECT_TRUE(run().matched()) << run().describe();
}

TEST_F(OutboundFields, Ipv6PayloadLengthAndNextHeader) {
  state.live_local = {test::ipv6(0xfd3d, 1), 8080};
  state.live_remote = {test::ipv6(0xfd3d, 2), 40000};
  live = test::live_tcp(state.live_local, state.live_remote, "P.", kLiveIsn + 1, 100, 1, 502);
  EXPECT_TRUE(run().matched()) << run().describe();
  live.wire.ip_total_length -= 1;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"ipv6_payload_len", "120", "119"}));
  live.wire.ip_total_length += 1;
  live.wire.ip_protocol = 17;
  EXPECT_EQ(only_mismatch().field, "ipv6_next_header");
}

TEST_F(OutboundFields, Ipv6FlowLabelRules) {
  live = test::live_tcp({test::ipv6(0xfd3d, 1), 8080}, {test::ipv6(0xfd3d, 2), 40000}, "P.",
                        kLiveIsn + 1, 100, 1, 502);
  live.wire.flow_label = 0;
  EXPECT_TRUE(run().matched()) << "no label written";
  script.ip.flow_label = 0x11;
  EXPECT_EQ(only_problem(), "flowlabel unmarked in the live packet");
  live.wire.flow_label = 0xabcde;
  EXPECT_TRUE(run().matched()) << "first use binds 0x11 to 0xabcde";
  EXPECT_TRUE(run().matched());
  live.wire.flow_label = 0x12345;
  EXPECT_EQ(only_problem(),
            "inconsistent flowlabels for this packet: expected: 0xabcde vs actual: 0x12345");
  script.ip.flow_label = 0x22;
  live.wire.flow_label = 0xabcde;
  EXPECT_EQ(only_problem(), "expected a different flowlabel but got the same");
  live.wire.flow_label = 0x54321;
  EXPECT_TRUE(run().matched());
  EXPECT_EQ(state.flow_label->live_label, 0x54321u);
}

TEST_F(OutboundFields, UdpLength) {
  ast::Packet udp;
  udp.direction = Direction::Outbound;
  udp.body = ast::UdpDatagram{std::nullopt, 10, std::nullopt};
  script = udp;
  live = test::live_udp(kLocal, kRemote, 10);
  EXPECT_TRUE(run().matched()) << run().describe();
  live.wire.udp_length = 20;
  EXPECT_EQ(only_mismatch(), (FieldMismatch{"udp_len", "18", "20"}));
}

TEST_F(OutboundFields, IcmpTypeAndCodeByNumberButNotPayload) {
  ast::Packet icmp;
  icmp.direction = Direction::Outbound;
  icmp.body = ast::IcmpMessage{"echo_request", std::nullopt, {}, 7, ast::icmp_echoed::Raw{64}};
  script = icmp;
  live = test::live_udp(kLocal, kRemote, 56);
  live.packet.body = ast::IcmpMessage{"type_8", std::nullopt, {}, 9, ast::icmp_echoed::Raw{64}};
  live.wire.ip_protocol = 1;
  live.wire.icmp_type = 8;
  EXPECT_TRUE(run().matched()) << run().describe();
  live.wire.icmp_type = 0;
  live.wire.icmp_code = 1;
  EXPECT_EQ(run().mismatches,
            (std::vector<FieldMismatch>{{"icmp_type", "8", "0"}, {"icmp_code", "0", "1"}}));
}

TEST_F(OutboundFields, IcmpNameUnknownToTheFamilyIsACodecError) {
  ast::Packet icmp;
  icmp.direction = Direction::Outbound;
  icmp.body = ast::IcmpMessage{"packet_too_big", std::nullopt, {}, {}, ast::icmp_echoed::Raw{8}};
  script = icmp;
  live = test::live_udp(kLocal, kRemote, 0);
  live.packet.body = ast::IcmpMessage{"type_3", std::nullopt, {}, {}, ast::icmp_echoed::Raw{8}};
  live.wire.ip_protocol = 1;
  EXPECT_THROW(run(), codec::CodecError);
}

TEST_F(OutboundFields, ActualPacketTakesTheScriptPortsForItsDump) {
  script_tcp().ports = ast::PortPair{1, 2};
  const auto actual =
      OutboundMatcher(config, test::stub_format).to_script_space(script, live, state);
  EXPECT_EQ(test::tcp_of(actual).ports, (ast::PortPair{1, 2}));
  script_tcp().ports.reset();
  EXPECT_EQ(
      test::tcp_of(OutboundMatcher(config, test::stub_format).to_script_space(script, live, state))
          .ports,
      std::nullopt);
}

}  // namespace
}  // namespace tcpdrill::runtime::packet
