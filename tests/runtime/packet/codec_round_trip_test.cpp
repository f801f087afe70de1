// The packet path fed with real bytes: inbound packets go through codec::encode_packet
// and are read back, outbound packets are built as the kernel would send them and
// decoded, so the mapping and matching see exactly what the engine gives them.
#include <gtest/gtest.h>

#include "packet_test_support.h"
#include "runtime/packet/inbound_packet_mapper.h"
#include "runtime/packet/outbound_matcher.h"
#include "runtime/packet/reset_builder.h"
#include "runtime/packet/segment_aggregator.h"
#include "runtime/packet/socket_matching.h"

namespace tcpdrill::runtime::packet {
namespace {

using ast::Direction;
using test::kLiveIsn;
using test::tcp_of;
namespace opt = ast::tcp_option;

// A packet as the kernel sends it from `from` to `to`, through bytes.
codec::DecodedPacket kernel_sends(const ast::Packet& live, const Endpoint& from,
                                  const Endpoint& to) {
  const auto bytes = codec::encode_packet(live, {from.ip, to.ip, from.port, to.port});
  return codec::decode_packet(bytes, Direction::Outbound);
}

codec::DecodedPacket injected(const LivePacket& live) {
  return codec::decode_packet(codec::encode_packet(live.packet, live.endpoints),
                              Direction::Inbound);
}

class CodecRoundTrip : public ::testing::TestWithParam<codec::IpFamily> {
 protected:
  CodecRoundTrip() {
    if (GetParam() == codec::IpFamily::V6) {
      local = {test::ipv6(0xfd3d, 1), 8080};
      remote = {test::ipv6(0xfd3d, 2), 40000};
    }
    state = ConnectionState::passive_child(
        test::script_tcp(Direction::Inbound, "S", 0, 0, std::nullopt, 32792), local.ip, local.port,
        remote.ip, remote.port);
  }

  // The kernel's SYN-ACK matched against `S. 0:0(0) ack 1 win 65535 <mss 1460,...>`.
  void handshake() {
    const auto syn = injected(
        mapper.map(test::script_tcp(Direction::Inbound, "S", 0, 0, std::nullopt, 32792,
                                    {opt::Mss{1000}, opt::SackPermitted{}, opt::Nop{}, opt::Nop{}}),
                   state));
    EXPECT_EQ(syn.wire.source, remote.ip);
    EXPECT_EQ(syn.wire.destination_port, 8080);
    EXPECT_EQ(tcp_of(syn).start_sequence, 0u);

    const auto synack = kernel_sends(
        test::script_tcp(Direction::Outbound, "S.", kLiveIsn, 0, 1, 65535,
                         {opt::Mss{1460}, opt::Nop{}, opt::Nop{}, opt::SackPermitted{}}),
        local, remote);
    ASSERT_TRUE(claim_sniffed_packet(state, synack));
    const auto result = matcher.match(
        test::script_tcp(Direction::Outbound, "S.", 0, 0, 1, 65535,
                         {opt::Mss{std::nullopt}, opt::Nop{}, opt::Nop{}, opt::SackPermitted{}}),
        synack, state, 0);
    EXPECT_TRUE(result.matched()) << result.describe();

    const auto ack =
        injected(mapper.map(test::script_tcp(Direction::Inbound, ".", 1, 0, 1, 257), state));
    EXPECT_EQ(tcp_of(ack).ack, kLiveIsn + 1);
  }

  RunConfig config;
  InboundPacketMapper mapper{config};
  OutboundMatcher matcher{config};
  Endpoint local = test::kLocal, remote = test::kRemote;
  ConnectionState state;
};

TEST_P(CodecRoundTrip, HandshakeAndData) {
  handshake();
  const auto data = kernel_sends(
      test::script_tcp(Direction::Outbound, "P.", kLiveIsn + 1, 1000, 1, 502), local, remote);
  const auto result =
      matcher.match(test::script_tcp(Direction::Outbound, "P.", 1, 1000, 1, 502), data, state, 0);
  EXPECT_TRUE(result.matched()) << result.describe();
  EXPECT_EQ(result.actual_dump, "P. 1:1001(1000) ack 1 win 502");
}

TEST_P(CodecRoundTrip, MismatchesCarryPacketdrillNamesAndScriptSpaceDumps) {
  handshake();
  const auto data = kernel_sends(
      test::script_tcp(Direction::Outbound, "P.", kLiveIsn + 1, 1000, 1, 63), local, remote);
  const auto result = matcher.match(test::script_tcp(Direction::Outbound, "P.", 1, 1000, 1001, 100),
                                    data, state, 0);
  EXPECT_EQ(result.mismatches, (std::vector<FieldMismatch>{{"tcp_ack_seq", "1001", "1"},
                                                           {"tcp_window", "100", "63"}}));
  EXPECT_EQ(result.script_dump, "P. 1:1001(1000) ack 1001 win 100");
  EXPECT_EQ(result.actual_dump, "P. 1:1001(1000) ack 1 win 63");
}

// The kernel's packet as it comes: TTL 64, ECT(0), and a flow label under IPv6.
codec::DecodedPacket kernel_data_with_ip_fields(const Endpoint& from, const Endpoint& to, uint32_t window) {
  ast::Packet live = test::script_tcp(Direction::Outbound, "P.", kLiveIsn + 1, 1000, 1, window);
  live.ip = {ast::TosSpec{ast::TosSpec::Kind::Ecn, 0x2}, 0x12345, 64};
  return kernel_sends(live, from, to);
}

TEST_P(CodecRoundTrip, DumpLeavesOutIpFieldsTheScriptDidNotWrite) {
  handshake();
  const auto result = matcher.match(test::script_tcp(Direction::Outbound, "P.", 1, 1000, 1, 100),
                                    kernel_data_with_ip_fields(local, remote, 63), state, 0);
  EXPECT_EQ(result.mismatches, (std::vector<FieldMismatch>{{"tcp_window", "100", "63"}}));
  EXPECT_EQ(result.actual_dump, "P. 1:1001(1000) ack 1 win 63");
}

TEST_P(CodecRoundTrip, DumpShowsTheIpFieldsTheScriptWrote) {
  handshake();
  ast::Packet script = test::script_tcp(Direction::Outbound, "P.", 1, 1000, 1, 63);
  script.ip.ttl = 9;
  script.ip.tos = ast::TosSpec{ast::TosSpec::Kind::EitherEct, 0};
  const auto result = matcher.match(script, kernel_data_with_ip_fields(local, remote, 63), state, 0);
  EXPECT_EQ(result.mismatches, (std::vector<FieldMismatch>{{"ttl", "9", "64"}}));
  EXPECT_EQ(result.actual_dump, "[ect0, ttl 64] P. 1:1001(1000) ack 1 win 63");
}

TEST_P(CodecRoundTrip, LengthDifferenceShowsInTheIpLength) {
  handshake();
  const auto data = kernel_sends(
      test::script_tcp(Direction::Outbound, "P.", kLiveIsn + 1, 2000, 1, 502), local, remote);
  const auto result =
      matcher.match(test::script_tcp(Direction::Outbound, "P.", 1, 1000, 1, 502), data, state, 0);
  const bool v4 = GetParam() == codec::IpFamily::V4;
  ASSERT_EQ(result.mismatches.size(), 1u) << result.describe();
  const FieldMismatch expected = v4 ? FieldMismatch{"ipv4_total_length", "1040", "2040"}
                                    : FieldMismatch{"ipv6_payload_len", "1020", "2020"};
  EXPECT_EQ(result.mismatches[0], expected);
}

TEST_P(CodecRoundTrip, OptionValueMessagesUseScriptNotation) {
  handshake();
  const auto live = kernel_sends(test::script_tcp(Direction::Outbound, ".", kLiveIsn + 1, 0, 1, 502,
                                                  {opt::Nop{}, opt::WindowScale{10}}),
                                 local, remote);
  const auto result = matcher.match(
      test::script_tcp(Direction::Outbound, ".", 1, 0, 1, 502, {opt::Nop{}, opt::WindowScale{8}}),
      live, state, 0);
  EXPECT_EQ(
      result.problems,
      (std::vector<std::string>{
          "bad value in outbound TCP option (kind=3): expected: wscale 8 actual: wscale 10"}));
}

TEST_P(CodecRoundTrip, SegmentsAggregateIntoTheScriptedSize) {
  handshake();
  const auto script = test::script_tcp(Direction::Outbound, "P.", 1, 2000, 1, 502);
  SegmentAggregator aggregator(script, false);
  const auto first = kernel_sends(
      test::script_tcp(Direction::Outbound, ".", kLiveIsn + 1, 1000, 1, 502), local, remote);
  const auto last = kernel_sends(
      test::script_tcp(Direction::Outbound, "P.", kLiveIsn + 1001, 1000, 1, 502), local, remote);
  EXPECT_FALSE(aggregator.add(matcher.to_script_space(script, first, state)));
  EXPECT_TRUE(aggregator.add(matcher.to_script_space(script, last, state)));
  const auto result = matcher.compare(script, aggregator.take(), state, 0);
  EXPECT_TRUE(result.matched()) << result.describe();
  EXPECT_EQ(result.actual_dump, "P. 1:2001(2000) ack 1 win 502");
}

TEST_P(CodecRoundTrip, ResetPacketEncodes) {
  handshake();
  const auto reset = build_reset(state);
  ASSERT_TRUE(reset.has_value());
  const auto decoded = injected(*reset);
  EXPECT_EQ(decoded.wire.source, remote.ip);
  EXPECT_EQ(decoded.wire.destination_port, local.port);
  EXPECT_TRUE(tcp_of(decoded).flags.rst && tcp_of(decoded).flags.ack);
  EXPECT_EQ(tcp_of(decoded).start_sequence, 1u);
  EXPECT_EQ(tcp_of(decoded).ack, kLiveIsn + 1);
  EXPECT_EQ(tcp_of(decoded).window, 257);
}

TEST_P(CodecRoundTrip, IcmpQuoteCarriesTheLiveSequence) {
  handshake();
  ast::Packet icmp;
  icmp.direction = Direction::Inbound;
  icmp.body = ast::IcmpMessage{
      GetParam() == codec::IpFamily::V4 ? "unreachable" : "packet_too_big",
      GetParam() == codec::IpFamily::V4 ? std::optional<std::string>("frag_needed") : std::nullopt,
      1300,
      {},
      ast::icmp_echoed::Tcp{1, 1001, 1000}};
  const auto decoded = injected(mapper.map(icmp, state));
  const auto& quoted =
      std::get<ast::icmp_echoed::Tcp>(std::get<ast::IcmpMessage>(decoded.packet.body).echoed);
  EXPECT_EQ(quoted.start_sequence, kLiveIsn + 1);
}

INSTANTIATE_TEST_SUITE_P(BothFamilies, CodecRoundTrip,
                         ::testing::Values(codec::IpFamily::V4, codec::IpFamily::V6),
                         [](const auto& info) {
                           return info.param == codec::IpFamily::V4 ? "Ipv4" : "Ipv6";
                         });

}  // namespace
}  // namespace tcpdrill::runtime::packet
