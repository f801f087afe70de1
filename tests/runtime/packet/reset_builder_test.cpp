#include "runtime/packet/reset_builder.h"

#include <gtest/gtest.h>

#include "packet_test_support.h"

namespace tcpdrill::runtime::packet {
namespace {

using test::tcp_of;

TEST(BuildReset, AfterAnInjectedAckContinuesFromIt) {
  auto state = test::passive_connection();
  state.last_injected = TcpHeaderSnapshot{5001, 3000000101u, 257, false, true, true, 100};
  state.last_sniffed = TcpHeaderSnapshot{3000000001u, 5001, 502, false, false, true, 100};
  const auto reset = build_reset(state);
  ASSERT_TRUE(reset.has_value());
  const auto& tcp = tcp_of(*reset);
  EXPECT_TRUE(tcp.flags.rst);
  EXPECT_TRUE(tcp.flags.ack);
  EXPECT_FALSE(tcp.flags.syn || tcp.flags.fin || tcp.flags.psh);
  EXPECT_EQ(tcp.start_sequence, 5001u + 1 + 100);
  EXPECT_EQ(tcp.ack, 3000000101u);
  EXPECT_EQ(tcp.window, 257);
  EXPECT_EQ(tcp.payload_length, 0u);
  EXPECT_EQ(reset->packet.direction, ast::Direction::Inbound);
  EXPECT_EQ(reset->endpoints.source, test::kRemoteIp);
  EXPECT_EQ(reset->endpoints.destination_port, 8080);
}

TEST(BuildReset, InjectedSynCountsOne) {
  auto state = test::passive_connection();
  state.last_injected = TcpHeaderSnapshot{7000, 1, 100, true, false, true, 0};
  EXPECT_EQ(tcp_of(*build_reset(state)).start_sequence, 7001u);
}

TEST(BuildReset, WithoutInjectedAckUsesTheKernelsAck) {
  auto state = test::passive_connection();
  state.last_injected = TcpHeaderSnapshot{7000, 0, 100, true, false, false, 0};
  state.last_sniffed = TcpHeaderSnapshot{3000000001u, 7001, 502, true, false, true, 0};
  const auto reset = build_reset(state);
  ASSERT_TRUE(reset.has_value());
  const auto& tcp = tcp_of(*reset);
  EXPECT_EQ(tcp.start_sequence, 7001u);
  EXPECT_EQ(tcp.ack, 3000000001u);
  EXPECT_EQ(tcp.window, 0);
}

TEST(BuildReset, AfterOnlyAKernelSynAcksIt) {
  auto state = ConnectionState::connecting(TransportProtocol::Tcp, test::kRemoteIp, 8080);
  state.live_local = {test::kLocalIp, 51000};
  state.last_sniffed = TcpHeaderSnapshot{123456, 0, 64240, true, false, false, 0};
  const auto reset = build_reset(state);
  ASSERT_TRUE(reset.has_value());
  EXPECT_EQ(tcp_of(*reset).start_sequence, 0u);
  EXPECT_EQ(tcp_of(*reset).ack, 123457u);
  EXPECT_EQ(reset->endpoints.source_port, 8080);
  EXPECT_EQ(reset->endpoints.destination_port, 51000);
}

TEST(BuildReset, NothingWithoutLivePortsOrForUdp) {
  EXPECT_FALSE(
      build_reset(ConnectionState::connecting(TransportProtocol::Tcp, test::kRemoteIp, 8080))
          .has_value());
  auto udp = test::passive_connection();
  udp.protocol = TransportProtocol::Udp;
  EXPECT_FALSE(build_reset(udp).has_value());
}

TEST(BuildReset, Ipv6Endpoints) {
  auto state = test::passive_connection();
  state.live_local = {test::ipv6(0xfd3d, 1), 8080};
  state.live_remote = {test::ipv6(0xfd3d, 2), 40000};
  const auto reset = build_reset(state);
  ASSERT_TRUE(reset.has_value());
  EXPECT_EQ(reset->endpoints.source, test::ipv6(0xfd3d, 2));
  EXPECT_EQ(reset->endpoints.destination.family, codec::IpFamily::V6);
}

}  // namespace
}  // namespace tcpdrill::runtime::packet
