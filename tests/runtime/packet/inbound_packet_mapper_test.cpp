#include "runtime/packet/inbound_packet_mapper.h"

#include <gtest/gtest.h>

#include "packet_test_support.h"
#include "runtime/packet/packet_error.h"

namespace tcpdrill::runtime::packet {
namespace {

using ast::Direction;
namespace opt = ast::tcp_option;

using test::tcp_of;

// A passive connection whose SYN-ACK was matched but not yet acked.
ConnectionState established(uint32_t remote_isn = 0) {
  auto state = test::established_connection(remote_isn);
  state.state = SocketState::PassiveSynAckSent;
  return state;
}

TEST(InboundPacketMapper, SynKeepsItsSequenceNumberAndGetsTheLiveTuple) {
  RunConfig config;
  auto state = test::passive_connection(5000);
  const auto syn = test::script_tcp(Direction::Inbound, "S", 5000, 0, std::nullopt, 32792,
                                    {opt::Mss{1000}, opt::SackPermitted{}});
  const auto live = InboundPacketMapper(config).map(syn, state);
  EXPECT_EQ(tcp_of(live).start_sequence, 5000u);
  EXPECT_EQ(live.endpoints.source, test::kRemoteIp);
  EXPECT_EQ(live.endpoints.destination, test::kLocalIp);
  EXPECT_EQ(live.endpoints.source_port, 40000);
  EXPECT_EQ(live.endpoints.destination_port, 8080);
  EXPECT_EQ(std::get<ast::TcpOptionList>(tcp_of(live).options),
            std::get<ast::TcpOptionList>(std::get<ast::TcpSegment>(syn.body).options));
}

TEST(InboundPacketMapper, DataSeqMovesByRemoteIsnAndAckByLocalLiveIsn) {
  RunConfig config;
  auto state = established(5000);
  const auto live = InboundPacketMapper(config).map(
      test::script_tcp(Direction::Inbound, "P.", 1, 100, 1, 257), state);
  EXPECT_EQ(tcp_of(live).start_sequence, 5001u);
  EXPECT_EQ(tcp_of(live).end_sequence, 5101u);
  EXPECT_EQ(tcp_of(live).ack, 3000000001u);
  EXPECT_EQ(state.state, SocketState::PassiveSynAckAcked);
}

TEST(InboundPacketMapper, AckFieldWithoutAckFlagStaysAsWritten) {
  RunConfig config;
  auto state = established();
  const auto live =
      InboundPacketMapper(config).map(test::script_tcp(Direction::Inbound, "R", 1, 0, 7, 0), state);
  EXPECT_EQ(tcp_of(live).ack, 7u);
  EXPECT_EQ(state.state, SocketState::PassiveSynAckSent);
}

TEST(InboundPacketMapper, SynAckOfAnActiveOpenFixesRemoteIsnAndShiftsAckByIsnDifference) {
  RunConfig config;
  auto state = ConnectionState::connecting(TransportProtocol::Tcp, test::kRemoteIp, 8080);
  state.bind_script_syn(test::script_tcp(Direction::Outbound, "S", 0, 0));
  state.live_local = {test::kLocalIp, 51000};
  state.live_local_isn = 777;
  const auto live = InboundPacketMapper(config).map(
      test::script_tcp(Direction::Inbound, "S.", 9000, 0, 1, 5792), state);
  EXPECT_EQ(tcp_of(live).start_sequence, 9000u);
  EXPECT_EQ(tcp_of(live).ack, 778u);
  EXPECT_EQ(state.state, SocketState::ActiveSynAcked);
  EXPECT_EQ(state.remote_isn, 9000u);
  EXPECT_EQ(live.endpoints.destination_port, 51000);
  EXPECT_EQ(live.endpoints.source_port, 8080);
}

TEST(InboundPacketMapper, SackBlocksMoveIntoLiveLocalSpace) {
  RunConfig config;
  auto state = established();
  const auto script =
      test::script_tcp(Direction::Inbound, ".", 1, 0, 1, 257,
                       {opt::Nop{}, opt::Nop{}, opt::Sack{{{1001, 2001}, {3001, 4001}}, false}});
  const auto live = InboundPacketMapper(config).map(script, state);
  const auto& sack =
      std::get<opt::Sack>(std::get<ast::TcpOptionList>(tcp_of(live).options).options[2]);
  ASSERT_EQ(sack.blocks.size(), 2u);
  EXPECT_EQ(sack.blocks[0], (opt::SackBlock{3000001001u, 3000002001u}));
  EXPECT_EQ(sack.blocks[1], (opt::SackBlock{3000003001u, 3000004001u}));
}

TEST(InboundPacketMapper, ScriptPortsOverrideTheLiveOnesInThePacket) {
  RunConfig config;
  auto state = established();
  auto script = test::script_tcp(Direction::Inbound, ".", 1, 0, 1, 257);
  std::get<ast::TcpSegment>(script.body).ports = ast::PortPair{1234, 4321};
  const auto live = InboundPacketMapper(config).map(script, state);
  EXPECT_EQ(tcp_of(live).ports, (ast::PortPair{1234, 4321}));
  EXPECT_EQ(live.endpoints.source_port, 40000);
}

ast::Packet ack_with_ts(uint32_t val, uint32_t ecr) {
  return test::script_tcp(Direction::Inbound, ".", 1, 0, 1, 257,
                          {opt::Nop{}, opt::Nop{}, opt::Timestamp{val, ecr}});
}

uint32_t live_ecr(const LivePacket& live) {
  return *std::get<opt::Timestamp>(std::get<ast::TcpOptionList>(tcp_of(live).options).options[2])
              .echo_reply;
}

TEST(InboundPacketMapper, TsEcrTakesTheLiveValueOfTheMatchingOutboundVal) {
  RunConfig config;
  auto state = established();
  state.timestamps.record(100, 55000);
  state.timestamps.record(110, 55013);
  const InboundPacketMapper mapper(config);
  EXPECT_EQ(live_ecr(mapper.map(ack_with_ts(700, 110), state)), 55013u);
  // TS val is sent as written.
  const auto live = mapper.map(ack_with_ts(700, 100), state);
  EXPECT_EQ(
      std::get<opt::Timestamp>(std::get<ast::TcpOptionList>(tcp_of(live).options).options[2]).value,
      700u);
}

TEST(InboundPacketMapper, UnknownTsEcrIsAnErrorUnlessScaled) {
  RunConfig config;
  auto state = established();
  state.timestamps.record(100, 55000);
  try {
    InboundPacketMapper(config).map(ack_with_ts(700, 150), state);
    FAIL() << "expected PacketError";
  } catch (const PacketError& error) {
    EXPECT_STREQ(error.what(),
                 "unable to infer live TS ecr for script TS ecr 150; no matching or preceding "
                 "outbound TS val");
  }
  config.tcp_ts_ecr_scaled = true;
  EXPECT_EQ(live_ecr(InboundPacketMapper(config).map(ack_with_ts(700, 150), state)), 55050u);
}

TEST(InboundPacketMapper, ScaledEcrStillNeedsABaseline) {
  RunConfig config;
  config.tcp_ts_ecr_scaled = true;
  auto state = established();
  EXPECT_THROW(InboundPacketMapper(config).map(ack_with_ts(700, 150), state), PacketError);
}

TEST(InboundPacketMapper, SynWithoutAckKeepsItsEcr) {
  RunConfig config;
  auto state = test::passive_connection();
  const auto syn = test::script_tcp(Direction::Inbound, "S", 0, 0, std::nullopt, 32792,
                                    {opt::Timestamp{700, 0}, opt::Nop{}, opt::Nop{}});
  const auto live = InboundPacketMapper(config).map(syn, state);
  EXPECT_EQ(std::get<opt::Timestamp>(std::get<ast::TcpOptionList>(tcp_of(live).options).options[0])
                .echo_reply,
            0u);
}

TEST(InboundPacketMapper, RemembersTheInjectedHeaderInLiveValues) {
  RunConfig config;
  auto state = established(5000);
  InboundPacketMapper(config).map(test::script_tcp(Direction::Inbound, "F.", 101, 10, 1, 300),
                                  state);
  ASSERT_TRUE(state.last_injected.has_value());
  EXPECT_EQ(*state.last_injected,
            (TcpHeaderSnapshot{5101, 3000000001u, 300, false, true, true, 10}));
}

TEST(InboundPacketMapper, IcmpQuoteMovesIntoLiveLocalSpace) {
  RunConfig config;
  auto state = established();
  ast::Packet icmp;
  icmp.body = ast::IcmpMessage{
      "unreachable", "frag_needed", 1300, {}, ast::icmp_echoed::Tcp{1, 1001, 1000}};
  auto live = InboundPacketMapper(config).map(icmp, state);
  EXPECT_EQ(
      std::get<ast::IcmpMessage>(live.packet.body).echoed,
      (decltype(ast::IcmpMessage::echoed){ast::icmp_echoed::Tcp{3000000001u, 3000001001u, 1000}}));

  std::get<ast::IcmpMessage>(icmp.body).echoed = ast::icmp_echoed::DefaultTcp{};
  live = InboundPacketMapper(config).map(icmp, state);
  EXPECT_EQ(std::get<ast::icmp_echoed::Tcp>(std::get<ast::IcmpMessage>(live.packet.body).echoed)
                .start_sequence,
            3000000000u);
}

TEST(InboundPacketMapper, Ipv6UdpGetsTheLiveTupleOnly) {
  RunConfig config;
  ConnectionState state;
  state.protocol = TransportProtocol::Udp;
  state.live_local = {test::ipv6(0xfd3d, 1), 8080};
  state.live_remote = {test::ipv6(0xfd3d, 2), 40000};
  ast::Packet udp;
  udp.body = ast::UdpDatagram{std::nullopt, 20, std::nullopt};
  const auto live = InboundPacketMapper(config).map(udp, state);
  EXPECT_EQ(live.packet, udp);
  EXPECT_EQ(live.endpoints.source, test::ipv6(0xfd3d, 2));
  EXPECT_EQ(live.endpoints.destination.family, codec::IpFamily::V6);
}

}  // namespace
}  // namespace tcpdrill::runtime::packet
