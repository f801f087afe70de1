#include "runtime/packet/socket_matching.h"

#include <gtest/gtest.h>

#include "packet_test_support.h"
#include "runtime/packet/packet_error.h"

namespace tcpdrill::runtime::packet {
namespace {

using ast::Direction;
using test::kLocal;
using test::kRemote;

ast::Packet udp_script(Direction direction, bool with_ports = false) {
  ast::UdpDatagram udp;
  if (with_ports) udp.ports = ast::PortPair{1, 2};
  ast::Packet packet;
  packet.direction = direction;
  packet.body = udp;
  return packet;
}

ast::Packet icmp_script() {
  ast::Packet packet;
  packet.direction = Direction::Inbound;
  packet.body = ast::IcmpMessage{"unreachable", "port_unreachable", {}, {}, {}};
  return packet;
}

TEST(RouteScriptPacket, InboundTcpWithoutSocketOrWhileListeningMakesAChild) {
  const auto syn = test::script_tcp(Direction::Inbound, "S", 0, 0, std::nullopt, 1000);
  EXPECT_EQ(route_script_packet(syn, nullptr), ScriptPacketRoute::NewPassiveChild);
  ConnectionState listener;
  listener.state = SocketState::PassiveListening;
  EXPECT_EQ(route_script_packet(syn, &listener), ScriptPacketRoute::NewPassiveChild);
}

TEST(RouteScriptPacket, OutboundSynGoesToTheConnectingSocket) {
  auto state = ConnectionState::connecting(TransportProtocol::Tcp, test::kRemoteIp, 8080);
  EXPECT_EQ(route_script_packet(test::script_tcp(Direction::Outbound, "S", 0, 0), &state),
            ScriptPacketRoute::ConnectingSocket);
  // A SYN-ACK is not a connect's SYN.
  EXPECT_EQ(route_script_packet(test::script_tcp(Direction::Outbound, "S.", 0, 0), &state),
            ScriptPacketRoute::SocketUnderTest);
}

TEST(RouteScriptPacket, OtherPacketsNeedAFittingSocketUnderTest) {
  auto tcp_socket = test::passive_connection();
  EXPECT_EQ(route_script_packet(test::script_tcp(Direction::Outbound, ".", 1, 0, 1), &tcp_socket),
            ScriptPacketRoute::SocketUnderTest);
  EXPECT_EQ(route_script_packet(icmp_script(), &tcp_socket), ScriptPacketRoute::SocketUnderTest);
  EXPECT_THROW(route_script_packet(udp_script(Direction::Inbound), &tcp_socket), PacketError);
  // Explicit ports send a packet of another protocol to the socket under test anyway.
  EXPECT_EQ(route_script_packet(udp_script(Direction::Inbound, true), &tcp_socket),
            ScriptPacketRoute::SocketUnderTest);

  ConnectionState ping;
  ping.protocol = TransportProtocol::Icmpv4;
  EXPECT_EQ(route_script_packet(icmp_script(), &ping), ScriptPacketRoute::SocketUnderTest);
  EXPECT_THROW(route_script_packet(test::script_tcp(Direction::Outbound, ".", 1, 0), &ping),
               PacketError);
}

TEST(RouteScriptPacket, NoSocketIsAnErrorExceptForRawBytes) {
  try {
    route_script_packet(udp_script(Direction::Outbound), nullptr);
    FAIL() << "expected PacketError";
  } catch (const PacketError& error) {
    EXPECT_STREQ(error.what(), "no matching socket for script packet");
  }
  ast::Packet raw;
  raw.body = ast::RawPacket{{0x45}};
  EXPECT_EQ(route_script_packet(raw, nullptr), ScriptPacketRoute::NoSocketNeeded);
}

TEST(ClaimSniffedPacket, OutboundFourTupleOfTheSocketIsOurs) {
  auto state = test::passive_connection();
  EXPECT_TRUE(claim_sniffed_packet(state, test::live_tcp(kLocal, kRemote, "S.", 1, 0, 1, 100)));
  // The same addresses with another port, or the inbound direction, are not.
  EXPECT_FALSE(claim_sniffed_packet(
      state, test::live_tcp(kLocal, {test::kRemoteIp, 40001}, ".", 1, 0, 1, 100)));
  EXPECT_FALSE(claim_sniffed_packet(state, test::live_tcp(kRemote, kLocal, ".", 1, 0, 1, 100)));
}

TEST(ClaimSniffedPacket, ConnectingSocketLearnsItsLocalEndpointAndIsnFromItsSyn) {
  auto state = ConnectionState::connecting(TransportProtocol::Tcp, test::kRemoteIp, 8080);
  const Endpoint server{test::kRemoteIp, 8080};
  const Endpoint client{test::kLocalIp, 51000};
  // Before the script's SYN is routed to it, a SYN is not expected yet.
  EXPECT_FALSE(claim_sniffed_packet(
      state, test::live_tcp(client, server, "S", 777, 0, std::nullopt, 64240)));
  state.bind_script_syn(test::script_tcp(Direction::Outbound, "S", 0, 0));
  EXPECT_FALSE(claim_sniffed_packet(
      state, test::live_tcp(client, {test::kRemoteIp, 9090}, "S", 1, 0, {}, 1)));
  EXPECT_TRUE(claim_sniffed_packet(
      state, test::live_tcp(client, server, "S", 777, 0, std::nullopt, 64240)));
  EXPECT_EQ(state.live_local, client);
  EXPECT_EQ(state.live_local_isn, 777u);
  // From now on the 4-tuple decides.
  EXPECT_TRUE(claim_sniffed_packet(state, test::live_tcp(client, server, ".", 778, 0, 1, 502)));
}

TEST(ClaimSniffedPacket, ConnectingUdpSocketLearnsFromItsFirstDatagram) {
  auto state = ConnectionState::connecting(TransportProtocol::Udp, test::kRemoteIp, 53);
  const Endpoint client{test::kLocalIp, 41000};
  EXPECT_TRUE(claim_sniffed_packet(state, test::live_udp(client, {test::kRemoteIp, 53}, 10)));
  EXPECT_EQ(state.live_local, client);
  EXPECT_FALSE(state.live_local_isn.has_value());
}

TEST(ClaimSniffedPacket, IcmpSocketsMatchOnAddressesOnly) {
  ConnectionState ping;
  ping.protocol = TransportProtocol::Icmpv4;
  ping.live_local = {test::kLocalIp, 0};
  ping.live_remote = {test::kRemoteIp, 0};
  auto echo = test::live_udp(kLocal, kRemote, 8);
  echo.packet.body = ast::IcmpMessage{"echo_request", std::nullopt, {}, 7, {}};
  echo.wire.ip_protocol = 1;
  echo.wire.source_port = echo.wire.destination_port = 0;
  EXPECT_TRUE(claim_sniffed_packet(ping, echo));
  // An ICMP error about a TCP socket's traffic has no ports and is not the TCP socket's.
  auto tcp_socket = test::passive_connection();
  EXPECT_FALSE(claim_sniffed_packet(tcp_socket, echo));
}

TEST(ClaimSniffedPacket, Ipv6NeighbourTrafficIsNotOurs) {
  auto state = test::passive_connection();
  state.live_local = {test::ipv6(0xfd3d, 1), 8080};
  state.live_remote = {test::ipv6(0xfd3d, 2), 40000};
  auto solicitation = test::live_udp({test::ipv6(0xfe80, 1), 0}, {test::ipv6(0xff02, 2), 0}, 16);
  solicitation.wire.ip_protocol = 58;
  EXPECT_FALSE(claim_sniffed_packet(state, solicitation));
  EXPECT_TRUE(claim_sniffed_packet(
      state, test::live_tcp(state.live_local, state.live_remote, ".", 1, 0, 1, 9)));
}

}  // namespace
}  // namespace tcpdrill::runtime::packet
