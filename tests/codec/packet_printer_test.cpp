// Formats the round trip does not reach: wildcards and outbound-only forms. Each
// printed text must also read back through the script parser.
#include <gtest/gtest.h>

#include "codec/packet_codec.h"
#include "tests/codec/test_packets.h"

namespace tcpdrill::codec::test {
namespace {

// The text of an outbound packet, after checking that it parses back to the packet.
std::string printed(const ast::Packet& packet) {
  const std::string text = format_packet(packet);
  ast::Packet outbound = packet;
  outbound.direction = ast::Direction::Outbound;
  EXPECT_EQ(parsed_packet(text, ast::Direction::Outbound), outbound) << text;
  return text;
}

TEST(PacketPrinterTest, PrintsTheShortNotationOfTheReference) {
  EXPECT_EQ(printed(Tcp("S.", 0, 0).ack(1).win(65535).options(
                {opt::Mss{1460}, opt::SackPermitted{}, opt::Timestamp{100, 0}, opt::Nop{},
                 opt::WindowScale{7}})),
            "S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>");
  EXPECT_EQ(printed(Tcp("P.", 1, 1000).ack(1).win(257)), "P. 1:1001(1000) ack 1 win 257");
}

TEST(PacketPrinterTest, LeavesOutWhatIsNotChecked) {
  EXPECT_EQ(printed(Tcp("S.", 0, 0).ack(1)), "S. 0:0(0) ack 1");
  Tcp any_options("S.", 0, 0);
  any_options.ack(1).segment.options = ast::AnyTcpOptions{};
  EXPECT_EQ(printed(any_options), "S. 0:0(0) ack 1 <...>");
  EXPECT_EQ(format_packet(Tcp(".", 1, 0).win(1).options({})), ". 1:1(0) win 1") << "an empty list is no options";
}

TEST(PacketPrinterTest, PrintsWildcardsAsStars) {
  EXPECT_EQ(printed(Tcp("S.", 0, 0).ack(1).options(
                {opt::Mss{}, opt::Nop{}, opt::WindowScale{}, opt::Timestamp{std::nullopt, 5},
                 opt::Sack{{}, true}, opt::AccEcn{1, {7, std::nullopt}}})),
            "S. 0:0(0) ack 1 <mss *,nop,wscale *,TS val * ecr 5,sack *,ECN e1b 7 ceb *>");
}

TEST(PacketPrinterTest, PutsTheAckDotAfterTheLettersSoTheTextParses) {
  EXPECT_EQ(printed(Tcp("U.", 1, 0).ack(1).urg(1)), "U. 1:1(0) ack 1 urg 1");
  EXPECT_EQ(printed(Tcp("SE.", 0, 0).ack(1)), "SE. 0:0(0) ack 1");
  EXPECT_EQ(printed(Tcp("FSRPUEWA.", 0, 0).ack(1)), "FSRPUEWA. 0:0(0) ack 1");
}

TEST(PacketPrinterTest, PrintsAnAceDigitInsteadOfEcnLetters) {
  EXPECT_EQ(printed(Tcp("S.5", 0, 0).ack(1).win(1)), "S.5 0:0(0) ack 1 win 1");
  // A script's ".0" means "no ACE" (the letters are compared); an ACE of 0 set on a
  // packet still prints as a digit.
  Tcp zero_ace(".", 1, 0);
  zero_ace.segment.flags.ace = 0;
  EXPECT_EQ(format_packet(zero_ace.win(1)), ".0 1:1(0) win 1");
  EXPECT_EQ(printed(Tcp("SEW", 0, 0).win(1)), "SEW 0:0(0) win 1");
}

TEST(PacketPrinterTest, PrintsEveryTosForm) {
  const auto with_tos = [](ast::TosSpec::Kind kind, uint8_t value) {
    return printed(with_ip_info(Tcp(".", 1, 0).win(1), {ast::TosSpec{kind, value}, {}, {}}));
  };
  EXPECT_EQ(with_tos(ast::TosSpec::Kind::Ecn, 0), "[noecn] . 1:1(0) win 1");
  EXPECT_EQ(with_tos(ast::TosSpec::Kind::Ecn, 1), "[ect1] . 1:1(0) win 1");
  EXPECT_EQ(with_tos(ast::TosSpec::Kind::Ecn, 2), "[ect0] . 1:1(0) win 1");
  EXPECT_EQ(with_tos(ast::TosSpec::Kind::Ecn, 3), "[ce] . 1:1(0) win 1");
  EXPECT_EQ(with_tos(ast::TosSpec::Kind::EitherEct, 0), "[ect01] . 1:1(0) win 1");
  EXPECT_EQ(with_tos(ast::TosSpec::Kind::Byte, 4), "(tos 0x04) . 1:1(0) win 1");
  EXPECT_EQ(format_packet(with_ip_info(udp(1), {ast::TosSpec{ast::TosSpec::Kind::Byte, 4}, 0xabc, 9})),
            "(tos 0x04, flowlabel 0xabc, ttl 9) udp (1)");
}

TEST(PacketPrinterTest, PrintsPspEncapsulationBeforePorts) {
  Tcp segment(".", 1, 0);
  segment.ports(1, 2).win(1).segment.psp_spi = 77;
  EXPECT_EQ(printed(segment), "encap psp spi 77 1>2 . 1:1(0) win 1");
}

TEST(PacketPrinterTest, PrintsRawPacketsAsHex) {
  ast::Packet packet;
  packet.body = ast::RawPacket{{0x45, 0x00, 0xab}};
  EXPECT_EQ(format_packet(packet), "raw 0x4500ab");
  packet.ip.ttl = 3;
  EXPECT_EQ(format_packet(packet), "(ttl 3) raw 0x4500ab");
}

TEST(PacketPrinterTest, PrintsUdpPayload) {
  ast::Packet packet = udp(2);
  std::get<ast::UdpDatagram>(packet.body).payload = Bytes{0x00, 0x7f};
  EXPECT_EQ(printed(packet), "udp (2) payload 0x007f");
}

}  // namespace
}  // namespace tcpdrill::codec::test
