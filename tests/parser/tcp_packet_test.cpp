#include <gtest/gtest.h>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

ast::Packet packet(std::string_view line) { return second_action<ast::Packet>(line); }

ast::TcpSegment segment(std::string_view line) {
  return std::get<ast::TcpSegment>(packet(line).body);
}

TEST(TcpPacket, InboundSynWithWindow) {
  ast::Packet p = packet("+0 < S 0:0(0) win 32792");
  EXPECT_EQ(p.direction, ast::Direction::Inbound);
  ast::TcpSegment s = std::get<ast::TcpSegment>(p.body);
  EXPECT_TRUE(s.flags.syn);
  EXPECT_FALSE(s.flags.ack);
  EXPECT_EQ(s.window, 32792);
  EXPECT_FALSE(s.ack);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(s.options));
}

TEST(TcpPacket, SequenceRangeAckAndUrgentPointer) {
  ast::TcpSegment s = segment("+0 < P. 1001:2001(1000) ack 5 win 257 urg 3");
  EXPECT_EQ(s.start_sequence, 1001u);
  EXPECT_EQ(s.end_sequence, 2001u);
  EXPECT_EQ(s.payload_length, 1000u);
  EXPECT_EQ(s.ack, 5u);
  EXPECT_EQ(s.urgent_pointer, 3);
  EXPECT_TRUE(s.flags.psh && s.flags.ack);
}

TEST(TcpPacket, OutboundWindowIsOptional) {
  ast::Packet p = packet("+0 > S. 0:0(0) ack 1");
  EXPECT_EQ(p.direction, ast::Direction::Outbound);
  EXPECT_FALSE(std::get<ast::TcpSegment>(p.body).window);
}

TEST(TcpPacket, AllFlagLetters) {
  ast::TcpFlags f = segment("+0 < FSRPUEWA. 0:0(0) win 1").flags;
  EXPECT_TRUE(f.fin && f.syn && f.rst && f.psh && f.ack && f.urg && f.ece && f.cwr && f.ae);
  EXPECT_FALSE(f.ace);
}

TEST(TcpPacket, NoFlags) {
  EXPECT_EQ(segment("+0 < - 0:0(0) win 1").flags, ast::TcpFlags{});
}

TEST(TcpPacket, AccEcnDigitAfterAckDot) {
  ast::TcpFlags f = segment("+0 > S.2 0:0(0) ack 1").flags;
  EXPECT_TRUE(f.syn && f.ack);
  EXPECT_EQ(f.ace, 2);
}

TEST(TcpPacket, AccEcnDigitAlone) {
  ast::TcpFlags f = segment("+0 < .5 1:1(0) ack 1 win 264").flags;
  EXPECT_TRUE(f.ack);
  EXPECT_EQ(f.ace, 5);
  EXPECT_EQ(segment("+0 > P.6 1:11(10) ack 1").flags.ace, 6);
}

TEST(TcpPacket, AccEcnDigitZeroMeansNoAce) {
  ast::TcpFlags f = segment("+0 > .0 1:1(0) ack 1").flags;
  EXPECT_TRUE(f.ack);
  EXPECT_FALSE(f.ace);
}

TEST(TcpPacket, Ports) {
  ast::TcpSegment s = segment("+0 < 8080>5000 S 0:0(0) win 100");
  ASSERT_TRUE(s.ports);
  EXPECT_EQ(s.ports->source, 8080);
  EXPECT_EQ(s.ports->destination, 5000);
}

TEST(TcpPacket, EcnInIpInfoBothBracketStyles) {
  ast::Packet square = packet("+0 < [ect0] . 1:1(0) ack 1 win 264");
  ASSERT_TRUE(square.ip.tos);
  EXPECT_EQ(square.ip.tos->kind, ast::TosSpec::Kind::Ecn);
  EXPECT_EQ(square.ip.tos->value, 2);
  EXPECT_EQ(packet("+0 < (ce) . 1:1(0) ack 1 win 264").ip.tos->value, 3);
  EXPECT_EQ(packet("+0 < [ect1] . 1:1(0) ack 1 win 264").ip.tos->value, 1);
  EXPECT_EQ(packet("+0 < [noecn] . 1:1(0) ack 1 win 264").ip.tos->value, 0);
}

TEST(TcpPacket, Ect01Outbound) {
  EXPECT_EQ(packet("+0 > [ect01] . 1:1(0) ack 1").ip.tos->kind, ast::TosSpec::Kind::EitherEct);
}

TEST(TcpPacket, TosByteAndFlowLabel) {
  ast::IpInfo ip = packet("+0 < (tos 0x2e, flowlabel 0x12345) . 1:1(0) ack 1 win 1").ip;
  EXPECT_EQ(ip.tos->kind, ast::TosSpec::Kind::Byte);
  EXPECT_EQ(ip.tos->value, 0x2e);
  EXPECT_EQ(ip.flow_label, 0x12345u);
}

TEST(TcpPacket, Ttl) {
  EXPECT_EQ(packet("+0 < (ttl 64) . 1:1(0) ack 1 win 1").ip.ttl, 64);
}

TEST(TcpPacket, PspEncapsulation) {
  EXPECT_EQ(segment("+0 < encap psp spi 0x1234 . 1:1(0) ack 1 win 1").psp_spi, 0x1234u);
}

TEST(TcpPacket, PayloadTextExtension) {
  ast::TcpSegment s = segment("+0 < P. 1:6(5) ack 1 win 100 payload \"hello\"");
  EXPECT_EQ(s.payload, (ast::Bytes{'h', 'e', 'l', 'l', 'o'}));
}

TEST(TcpPacket, PayloadHexAfterOptionsExtension) {
  ast::TcpSegment s = segment("+0 < P. 1:3(2) ack 1 win 100 <nop,nop,TS val 1 ecr 2> payload 0xcafe");
  EXPECT_EQ(s.payload, (ast::Bytes{0xca, 0xfe}));
}

}  // namespace
}  // namespace tcpdrill::test
