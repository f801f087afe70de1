#include "runtime/packet/connection_state.h"

#include <gtest/gtest.h>

#include "packet_test_support.h"
#include "runtime/packet/timestamp_map.h"

namespace tcpdrill::runtime::packet {
namespace {

using test::kLocal;
using test::kRemote;

TEST(ConnectionState, PassiveChildTakesLiveTupleAndRemoteIsnFromTheSyn) {
  auto syn = test::script_tcp(ast::Direction::Inbound, "S", 12345, 0, std::nullopt, 32792);
  std::get<ast::TcpSegment>(syn.body).ports = ast::PortPair{5555, 6666};
  const auto state =
      ConnectionState::passive_child(syn, test::kLocalIp, 8080, test::kRemoteIp, 40000);
  EXPECT_EQ(state.state, SocketState::PassivePacketReceived);
  EXPECT_EQ(state.live_local, kLocal);
  EXPECT_EQ(state.live_remote, kRemote);
  EXPECT_EQ(state.remote_isn, 12345u);
  EXPECT_EQ(state.script_remote_port, 5555);
  EXPECT_EQ(state.script_local_port, 6666);
  EXPECT_TRUE(state.has_live_ports());
}

TEST(ConnectionState, ConnectingSocketKnowsOnlyTheRemoteEndpoint) {
  auto state = ConnectionState::connecting(TransportProtocol::Tcp, test::kRemoteIp, 8080);
  EXPECT_EQ(state.state, SocketState::ActiveConnecting);
  EXPECT_EQ(state.live_remote, (Endpoint{test::kRemoteIp, 8080}));
  EXPECT_FALSE(state.has_live_ports());
  state.bind_script_syn(test::script_tcp(ast::Direction::Outbound, "S", 0, 0));
  EXPECT_EQ(state.state, SocketState::ActiveSynSent);
  EXPECT_EQ(state.script_local_isn, 0u);
}

TEST(ConnectionState, OffsetsFollowTheTcpdumpConvention) {
  ConnectionState state;
  state.remote_isn = 1000;
  state.script_local_isn = 10;
  state.live_local_isn = 4000000000u;
  EXPECT_EQ(state.remote_script_to_live_offset(true), 0u);
  EXPECT_EQ(state.remote_script_to_live_offset(false), 1000u);
  EXPECT_EQ(state.local_script_to_live_offset(true), 4000000000u - 10);
  EXPECT_EQ(state.local_script_to_live_offset(false), 4000000000u);
}

TEST(ConnectionState, AnyIpFillsOnlyUnknownPorts) {
  ConnectionState state;
  state.protocol = TransportProtocol::Udp;
  state.live_local.port = 9999;
  state.fill_anyip(test::kLocalIp, 8080, test::kRemoteIp, 7070);
  EXPECT_EQ(state.live_local, (Endpoint{test::kLocalIp, 9999}));
  EXPECT_EQ(state.live_remote, (Endpoint{test::kRemoteIp, 7070}));
}

TEST(ConnectionState, InboundEndpointsGoFromRemoteToLocal) {
  const auto endpoints = test::passive_connection().inbound_endpoints();
  EXPECT_EQ(endpoints.source, test::kRemoteIp);
  EXPECT_EQ(endpoints.destination, test::kLocalIp);
  EXPECT_EQ(endpoints.source_port, 40000);
  EXPECT_EQ(endpoints.destination_port, 8080);
}

TEST(TimestampMap, FirstRecordIsTheBaseline) {
  TimestampMap map;
  EXPECT_FALSE(map.has_baseline());
  EXPECT_EQ(map.live_to_script(5), std::nullopt);
  map.record(100, 7000);
  map.record(110, 7012);
  EXPECT_EQ(map.live_for_script(110), 7012u);
  EXPECT_EQ(map.live_for_script(105), std::nullopt);
  EXPECT_EQ(map.live_to_script(7012), 112u);
  EXPECT_EQ(map.script_to_live(105), 7005u);
}

TEST(TimestampMap, ArithmeticWrapsAround) {
  TimestampMap map;
  map.record(10, 0xfffffff0u);
  EXPECT_EQ(map.live_to_script(0x10), 10u + 0x20);
  EXPECT_EQ(map.script_to_live(30), 0x4u);
}

TEST(TimestampMap, LaterLiveValueForTheSameScriptValueWins) {
  TimestampMap map;
  map.record(100, 7000);
  map.record(100, 7001);
  EXPECT_EQ(map.live_for_script(100), 7001u);
  EXPECT_EQ(map.live_to_script(7001), 101u);
}

}  // namespace
}  // namespace tcpdrill::runtime::packet
