#include <gtest/gtest.h>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

ast::Packet packet(std::string_view line) { return second_action<ast::Packet>(line); }

TEST(UdpPacket, LengthAndPorts) {
  auto udp = std::get<ast::UdpDatagram>(packet("+0 < udp 1000>2000 (100)").body);
  EXPECT_EQ(udp.payload_length, 100u);
  EXPECT_EQ(udp.ports, (ast::PortPair{1000, 2000}));
  EXPECT_FALSE(udp.payload);
}

TEST(UdpPacket, EmptyDatagram) {
  EXPECT_EQ(std::get<ast::UdpDatagram>(packet("+0 > udp (0)").body).payload_length, 0u);
}

TEST(UdpPacket, PayloadExtension) {
  auto udp = std::get<ast::UdpDatagram>(packet("+0 < udp (3) payload \"a\\x00b\"").body);
  EXPECT_EQ(udp.payload, (ast::Bytes{'a', 0, 'b'}));
}

TEST(UdpPacket, TosByteAllowed) {
  EXPECT_EQ(packet("+0 < (tos 0x10) udp (1)").ip.tos->value, 0x10);
}

TEST(IcmpPacket, TypeOnly) {
  auto icmp = std::get<ast::IcmpMessage>(packet("+0 < icmp echo_request id 7").body);
  EXPECT_EQ(icmp.type_name, "echo_request");
  EXPECT_FALSE(icmp.code_name);
  EXPECT_EQ(icmp.echo_id, 7);
  EXPECT_TRUE(std::holds_alternative<ast::icmp_echoed::DefaultTcp>(icmp.echoed));
}

TEST(IcmpPacket, UnreachableQuotingTcp) {
  auto icmp = std::get<ast::IcmpMessage>(packet("+0 < icmp unreachable host_unreachable [0:10(10)]").body);
  EXPECT_EQ(icmp.code_name, "host_unreachable");
  EXPECT_EQ(std::get<ast::icmp_echoed::Tcp>(icmp.echoed), (ast::icmp_echoed::Tcp{0, 10, 10}));
}

TEST(IcmpPacket, FragNeededWithMtu) {
  auto icmp = std::get<ast::IcmpMessage>(packet("+0 < icmp unreachable frag_needed mtu 1200 [1:1461(1460)]").body);
  EXPECT_EQ(icmp.mtu, 1200u);
}

TEST(IcmpPacket, QuotedUdpAndRaw) {
  auto udp = std::get<ast::IcmpMessage>(packet("+0 < icmp unreachable port_unreachable [udp (10)]").body);
  EXPECT_EQ(std::get<ast::icmp_echoed::Udp>(udp.echoed).payload_length, 10u);
  auto raw = std::get<ast::IcmpMessage>(packet("+0 < icmp type_3 code_4 [raw (40)]").body);
  EXPECT_EQ(raw.type_name, "type_3");
  EXPECT_EQ(std::get<ast::icmp_echoed::Raw>(raw.echoed).length, 40u);
}

TEST(IcmpPacket, Icmpv6Names) {
  auto icmp = std::get<ast::IcmpMessage>(packet("+0 < icmp packet_too_big mtu 1280").body);
  EXPECT_EQ(icmp.type_name, "packet_too_big");
  EXPECT_EQ(std::get<ast::IcmpMessage>(packet("+0 < icmp unreachable no_route").body).code_name, "no_route");
}

TEST(RawPacket, InboundBytesExtension) {
  auto raw = std::get<ast::RawPacket>(packet("+0 < raw 0x4500001c").body);
  EXPECT_EQ(raw.bytes, (ast::Bytes{0x45, 0x00, 0x00, 0x1c}));
}

TEST(OuterHeaders, Ipv4InIpv4) {
  ast::Packet p = packet("+0 < ipv4 192.168.0.1 > 192.168.0.2: . 1:1(0) ack 1 win 1");
  ASSERT_EQ(p.outer_headers.size(), 1u);
  auto outer = std::get<ast::OuterIpv4>(p.outer_headers[0]);
  EXPECT_EQ(outer.source.bytes, (std::array<uint8_t, 4>{192, 168, 0, 1}));
  EXPECT_EQ(outer.destination.bytes, (std::array<uint8_t, 4>{192, 168, 0, 2}));
}

TEST(OuterHeaders, Ipv6WithIpInfo) {
  ast::Packet p = packet("+0 < ipv6 (tos 0x4) 2001:db8::1 > 2001:db8::2: . 1:1(0) ack 1 win 1");
  auto outer = std::get<ast::OuterIpv6>(p.outer_headers.at(0));
  EXPECT_EQ(outer.source.bytes[0], 0x20);
  EXPECT_EQ(outer.destination.bytes[15], 2);
  EXPECT_EQ(outer.info.tos->value, 4);
}

TEST(OuterHeaders, GreBareAndWithFields) {
  ast::Packet bare = packet("+0 < gre: . 1:1(0) ack 1 win 1");
  EXPECT_EQ(std::get<ast::GreHeader>(bare.outer_headers.at(0)), ast::GreHeader{});
  ast::Packet full = packet(
      "+0 < GREv0 flags [checksum present, key present, sequence# present] sum 0 off 0 key = 7 seq 9: "
      ". 1:1(0) ack 1 win 1");
  EXPECT_EQ(std::get<ast::GreHeader>(full.outer_headers.at(0)), (ast::GreHeader{0xB000, 0, 0, 7, 9}));
}

TEST(OuterHeaders, MplsStackThenGre) {
  ast::Packet p = packet(
      "+0 < mpls (label 100, tc 1, ttl 64) (label 200, tc 0, [S], ttl 63): gre: . 1:1(0) ack 1 win 1");
  ASSERT_EQ(p.outer_headers.size(), 2u);
  auto stack = std::get<ast::MplsLabelStack>(p.outer_headers[0]);
  EXPECT_EQ(stack.entries, (std::vector<ast::MplsLabelEntry>{{100, 1, false, 64}, {200, 0, true, 63}}));
  EXPECT_TRUE(std::holds_alternative<ast::GreHeader>(p.outer_headers[1]));
}

}  // namespace
}  // namespace tcpdrill::test
