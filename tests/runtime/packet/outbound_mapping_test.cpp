#include <gtest/gtest.h>

#include "packet_test_support.h"
#include "runtime/packet/inbound_packet_mapper.h"
#include "runtime/packet/outbound_matcher.h"
#include "runtime/packet/socket_matching.h"

namespace tcpdrill::runtime::packet {
namespace {

using ast::Direction;
using test::kLiveIsn;
using test::kLocal;
using test::kRemote;
using test::tcp_of;
namespace opt = ast::tcp_option;

std::string describe(const MatchResult& result) { return result.describe(); }

class OutboundMapping : public ::testing::Test {
 protected:
  RunConfig config;
  OutboundMatcher matcher{config, test::stub_format};
  InboundPacketMapper mapper{config};
};

TEST_F(OutboundMapping, PassiveHandshakeAndData) {
  auto state = test::passive_connection();
  mapper.map(test::script_tcp(Direction::Inbound, "S", 0, 0, std::nullopt, 32792), state);

  const auto script_synack =
      test::script_tcp(Direction::Outbound, "S.", 0, 0, 1, 65535, {opt::Mss{1460}});
  const auto live_synack =
      test::live_tcp(kLocal, kRemote, "S.", kLiveIsn, 0, 1, 65535, {opt::Mss{1460}});
  ASSERT_TRUE(claim_sniffed_packet(state, live_synack));
  auto result = matcher.match(script_synack, live_synack, state, 0);
  EXPECT_TRUE(result.matched()) << describe(result);
  EXPECT_EQ(state.state, SocketState::PassiveSynAckSent);
  EXPECT_EQ(state.live_local_isn, kLiveIsn);
  EXPECT_EQ(state.script_local_isn, 0u);

  const auto ack = mapper.map(test::script_tcp(Direction::Inbound, ".", 1, 0, 1, 257), state);
  EXPECT_EQ(std::get<ast::TcpSegment>(ack.packet.body).ack, kLiveIsn + 1);
  EXPECT_EQ(state.state, SocketState::PassiveSynAckAcked);

  const auto script_data = test::script_tcp(Direction::Outbound, "P.", 1, 1000, 1, 502);
  result = matcher.match(
      script_data, test::live_tcp(kLocal, kRemote, "P.", kLiveIsn + 1, 1000, 1, 502), state, 0);
  EXPECT_TRUE(result.matched()) << describe(result);
  EXPECT_EQ(result.actual_dump, ". 1:1001(1000) ack 1");
}

TEST_F(OutboundMapping, ScriptIsnOtherThanZeroShiftsSynAckOnly) {
  auto state = test::passive_connection(777);
  const auto script_synack = test::script_tcp(Direction::Outbound, "S.", 500, 0, 778, 65535);
  auto result = matcher.match(
      script_synack, test::live_tcp(kLocal, kRemote, "S.", kLiveIsn, 0, 778, 65535), state, 0);
  EXPECT_TRUE(result.matched()) << describe(result);
  // Non-SYN packets are relative: seq 1 is the first data byte, ack relative to 777.
  const auto actual = matcher.to_script_space(
      script_synack, test::live_tcp(kLocal, kRemote, ".", kLiveIsn + 1, 0, 778, 9), state);
  EXPECT_EQ(tcp_of(actual).start_sequence, 1u);
  EXPECT_EQ(tcp_of(actual).ack, 1u);
}

TEST_F(OutboundMapping, ActiveHandshake) {
  auto state = ConnectionState::connecting(TransportProtocol::Tcp, test::kRemoteIp, 8080);
  const Endpoint client{test::kLocalIp, 51000}, server{test::kRemoteIp, 8080};
  const auto script_syn = test::script_tcp(Direction::Outbound, "S", 0, 0, std::nullopt, 64240);
  ASSERT_EQ(route_script_packet(script_syn, &state), ScriptPacketRoute::ConnectingSocket);
  state.bind_script_syn(script_syn);
  const auto live_syn = test::live_tcp(client, server, "S", 123456, 0, std::nullopt, 64240);
  ASSERT_TRUE(claim_sniffed_packet(state, live_syn));
  auto result = matcher.match(script_syn, live_syn, state, 0);
  EXPECT_TRUE(result.matched()) << describe(result);

  const auto synack = mapper.map(test::script_tcp(Direction::Inbound, "S.", 0, 0, 1, 5792), state);
  EXPECT_EQ(std::get<ast::TcpSegment>(synack.packet.body).ack, 123457u);
  EXPECT_EQ(synack.endpoints.destination_port, 51000);

  result = matcher.match(test::script_tcp(Direction::Outbound, ".", 1, 0, 1, 502),
                         test::live_tcp(client, server, ".", 123457, 0, 1, 502), state, 0);
  EXPECT_TRUE(result.matched()) << describe(result);
}

TEST_F(OutboundMapping, SackBlocksComeBackIntoScriptSpace) {
  auto state = test::established_connection(1000);
  const auto script = test::script_tcp(Direction::Outbound, ".", 1, 0, 1, 502,
                                       {opt::Nop{}, opt::Nop{}, opt::Sack{{{101, 201}}, false}});
  const auto live = test::live_tcp(kLocal, kRemote, ".", kLiveIsn + 1, 0, 1001, 502,
                                   {opt::Nop{}, opt::Nop{}, opt::Sack{{{1101, 1201}}, false}});
  const auto actual = matcher.to_script_space(script, live, state);
  EXPECT_EQ(std::get<opt::Sack>(std::get<ast::TcpOptionList>(tcp_of(actual).options).options[2])
                .blocks[0],
            (opt::SackBlock{101, 201}));
  EXPECT_TRUE(matcher.compare(script, actual, state, 0).matched());
}

TEST_F(OutboundMapping, RemembersTheLiveHeaderOfEverySniffedSegment) {
  auto state = test::established_connection();
  matcher.to_script_space(test::script_tcp(Direction::Outbound, ".", 1, 0, 1),
                          test::live_tcp(kLocal, kRemote, "F.", kLiveIsn + 1, 0, 1, 502), state);
  EXPECT_EQ(state.last_sniffed, (TcpHeaderSnapshot{kLiveIsn + 1, 1, 502, false, true, true, 0}));
}

ast::Packet data_with_ts(uint32_t val, uint32_t ecr) {
  return test::script_tcp(Direction::Outbound, ".", 1, 0, 1, 502,
                          {opt::Nop{}, opt::Nop{}, opt::Timestamp{val, ecr}});
}

codec::DecodedPacket live_with_ts(uint32_t val, uint32_t ecr) {
  return test::live_tcp(kLocal, kRemote, ".", kLiveIsn + 1, 0, 1, 502,
                        {opt::Nop{}, opt::Nop{}, opt::Timestamp{val, ecr}});
}

TEST_F(OutboundMapping, TsValIsMappedThroughTheFirstBaselineAndRecorded) {
  auto state = test::established_connection();
  auto result = matcher.match(data_with_ts(100, 0), live_with_ts(90000, 0), state, 0);
  EXPECT_TRUE(result.matched()) << describe(result);
  EXPECT_EQ(result.actual_dump, ". 1:1(0) ack 1 <kind 1,kind 1,TS val 100 ecr 0>");
  result = matcher.match(data_with_ts(110, 0), live_with_ts(90012, 0), state, 0);
  EXPECT_EQ(result.actual_dump, ". 1:1(0) ack 1 <kind 1,kind 1,TS val 112 ecr 0>");
  EXPECT_EQ(state.timestamps.live_for_script(110), 90012u);

  // The inbound side then finds the live value of a script ecr.
  const auto live = mapper.map(test::script_tcp(Direction::Inbound, ".", 1, 0, 1, 257,
                                                {opt::Nop{}, opt::Nop{}, opt::Timestamp{5, 110}}),
                               state);
  EXPECT_EQ(std::get<opt::Timestamp>(
                std::get<ast::TcpOptionList>(std::get<ast::TcpSegment>(live.packet.body).options)
                    .options[2])
                .echo_reply,
            90012u);
}

TEST_F(OutboundMapping, TsValIsOnlyCheckedWithATick) {
  auto state = test::established_connection();
  matcher.match(data_with_ts(100, 0), live_with_ts(90000, 0), state, 0);
  // 200 ticks late: unchecked without --tcp_ts_tick_usecs.
  EXPECT_TRUE(matcher.match(data_with_ts(110, 0), live_with_ts(90210, 0), state, 0).matched());

  config.tcp_ts_tick_usecs = 1000;
  const OutboundMatcher ticking(config, test::stub_format);
  // 4 ticks * 1000 usecs is within the 4000 usecs tolerance, 5 ticks is not.
  EXPECT_TRUE(ticking.match(data_with_ts(110, 0), live_with_ts(90014, 0), state, 0).matched());
  auto result = ticking.match(data_with_ts(110, 0), live_with_ts(90015, 0), state, 0);
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0],
            "bad outbound TCP timestamp value, tolerance 4000: expected: 110 actual: 115");
  // 12.5 % of 80 ms since the script started is 10 ms: 10 ticks pass.
  EXPECT_TRUE(ticking.match(data_with_ts(110, 0), live_with_ts(90020, 0), state, 80000).matched());
}

TEST_F(OutboundMapping, TsEcrIsNeverComparedOutbound) {
  auto state = test::established_connection();
  EXPECT_TRUE(matcher.match(data_with_ts(100, 7), live_with_ts(90000, 123456), state, 0).matched());
}

TEST_F(OutboundMapping, WildcardTsValNeitherRecordsNorFails) {
  auto state = test::established_connection();
  auto script =
      test::script_tcp(Direction::Outbound, ".", 1, 0, 1, 502,
                       {opt::Nop{}, opt::Nop{}, opt::Timestamp{std::nullopt, std::nullopt}});
  EXPECT_TRUE(matcher.match(script, live_with_ts(90000, 5), state, 0).matched());
  EXPECT_FALSE(state.timestamps.has_baseline());
}

}  // namespace
}  // namespace tcpdrill::runtime::packet
