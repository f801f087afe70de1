#include <gtest/gtest.h>

#include "codec/packet_codec.h"
#include "tests/codec/codec_error.h"
#include "tests/codec/known_packets.h"
#include "tests/codec/test_packets.h"

namespace tcpdrill::codec::test {
namespace {

std::string encode_error(const ast::Packet& packet, const Endpoints& endpoints = ipv4_endpoints()) {
  return codec_error_of([&] { encode_packet(packet, endpoints); });
}

ast::Packet syn() {
  return Tcp("S", 0, 0).win(65535).options(
      {opt::Mss{1460}, opt::SackPermitted{}, opt::Timestamp{100, 0}, opt::Nop{}, opt::WindowScale{7}});
}

// The known packets were built by make_known_packets.py, which shares no code with the
// codec: equal bytes check layout, lengths and every checksum independently.
TEST(PacketEncoderTest, BuildsAnIpv4SynByteForByte) {
  EXPECT_EQ(encode_packet(syn(), ipv4_endpoints()), known::kIpv4Syn);
}

TEST(PacketEncoderTest, BuildsAnIpv6DataSegmentByteForByte) {
  const ast::Packet packet = with_ip_info(Tcp("P.", 1, 4).ack(1).win(257).payload({0xde, 0xad, 0xbe, 0xef}),
                                          {ast::TosSpec{ast::TosSpec::Kind::Ecn, 2}, 0x12345, 64});
  EXPECT_EQ(encode_packet(packet, ipv6_endpoints()), known::kIpv6Data);
}

TEST(PacketEncoderTest, BuildsAUdpDatagramByteForByte) {
  ast::Packet packet = udp(5, ast::PortPair{5353, 53});
  std::get<ast::UdpDatagram>(packet.body).payload = Bytes{'h', 'e', 'l', 'l', 'o'};
  EXPECT_EQ(encode_packet(packet, ipv4_endpoints()), known::kIpv4Udp);
}

TEST(PacketEncoderTest, BuildsAnIcmpv4ErrorQuotingTheReversedFlow) {
  ast::Packet packet = icmp("unreachable", "port_unreachable");
  std::get<ast::IcmpMessage>(packet.body).echoed = ast::icmp_echoed::Udp{10};
  EXPECT_EQ(encode_packet(packet, ipv4_endpoints()), known::kIpv4IcmpPortUnreachable);
}

TEST(PacketEncoderTest, BuildsAnIcmpv6ErrorQuotingTheReversedFlow) {
  ast::Packet packet = icmp("packet_too_big");
  auto& message = std::get<ast::IcmpMessage>(packet.body);
  message.mtu = 1280;
  message.echoed = ast::icmp_echoed::Tcp{1, 1001, 1000};
  EXPECT_EQ(encode_packet(packet, ipv6_endpoints()), known::kIpv6IcmpPacketTooBig);
}

TEST(PacketEncoderTest, ScriptPortsOverrideTheEndpoints) {
  const Bytes bytes = encode_packet(Tcp(".", 1, 0).ports(1, 2).win(1), ipv4_endpoints());
  EXPECT_EQ(decode_packet(bytes, ast::Direction::Inbound).wire.source_port, 1);
  EXPECT_EQ(decode_packet(bytes, ast::Direction::Inbound).wire.destination_port, 2);
}

TEST(PacketEncoderTest, UsesInjectionDefaults) {
  const Bytes bytes = encode_packet(Tcp("P.", 1, 3).ack(1).win(1), ipv4_endpoints());
  const WireFields wire = decode_packet(bytes, ast::Direction::Inbound).wire;
  EXPECT_EQ(wire.ipv4_id, 0);
  EXPECT_EQ(bytes[6], 0) << "no DF";
  EXPECT_EQ(wire.ttl, 255);
  EXPECT_EQ(wire.tos, 0);
  EXPECT_EQ(wire.ip_header_length, 20);
  EXPECT_EQ(wire.ip_total_length, 43);
  EXPECT_EQ(wire.tcp_data_offset, 20);
  EXPECT_EQ(std::vector<uint8_t>(bytes.end() - 3, bytes.end()), (std::vector<uint8_t>{0, 0, 0}));
}

TEST(PacketEncoderTest, EcnSetsOnlyTheEcnBitsAndTosTheWholeByte) {
  const auto tos_of = [](ast::TosSpec tos) {
    return decode_packet(encode_packet(with_ip_info(Tcp(".", 1, 0).win(1), {tos, {}, {}}),
                                       ipv6_endpoints()),
                         ast::Direction::Inbound)
        .wire.tos;
  };
  EXPECT_EQ(tos_of({ast::TosSpec::Kind::Ecn, 3}), 0x03);
  EXPECT_EQ(tos_of({ast::TosSpec::Kind::Ecn, 1}), 0x01);
  EXPECT_EQ(tos_of({ast::TosSpec::Kind::Byte, 0xfd}), 0xfd);
}

TEST(PacketEncoderTest, AceDigitReplacesTheIndividualBits) {
  ast::TcpFlags flags = tcp_flags("S.");
  flags.ece = true;
  flags.ace = 6;  // CWR and AE, not ECE
  Tcp segment(".", 1, 0);
  segment.segment.flags = flags;
  const Bytes bytes = encode_packet(segment.win(1), ipv4_endpoints());
  EXPECT_EQ(bytes[20 + 12] & 0x01, 0x01) << "AE";
  EXPECT_EQ(bytes[20 + 13], 0x80 | 0x10 | 0x02) << "CWR ACK SYN";
}

TEST(PacketEncoderTest, IgnoresAFlowLabelOnIpv4) {
  const ast::Packet packet = with_ip_info(Tcp(".", 1, 0).win(1), {{}, 0x12345, {}});
  EXPECT_EQ(encode_packet(packet, ipv4_endpoints()), encode_packet(Tcp(".", 1, 0).win(1), ipv4_endpoints()));
}

TEST(PacketEncoderTest, ReturnsRawPacketsAsWritten) {
  ast::Packet packet;
  packet.body = ast::RawPacket{{0x45, 0x00, 0x12}};
  EXPECT_EQ(encode_packet(packet, ipv6_endpoints()), (Bytes{0x45, 0x00, 0x12}));
}

TEST(PacketEncoderTest, RejectsWhatCannotBeBuilt) {
  EXPECT_EQ(encode_error(Tcp(".", 1, 0)), "cannot build a packet with a wildcard win *");
  Tcp any_options(".", 1, 0);
  any_options.win(1).segment.options = ast::AnyTcpOptions{};
  EXPECT_EQ(encode_error(any_options), "cannot build a packet with <...> options");
  Tcp psp(".", 1, 0);
  psp.win(1).segment.psp_spi = 5;
  EXPECT_EQ(encode_error(psp), "encap psp is not supported");
  EXPECT_EQ(encode_error(with_ip_info(Tcp(".", 1, 0).win(1),
                                      {ast::TosSpec{ast::TosSpec::Kind::EitherEct, 0}, {}, {}})),
            "cannot build a packet with [ect01]: it matches ECT(0) or ECT(1)");
  EXPECT_EQ(encode_error(Tcp("P.", 1, 3).win(1).payload({1, 2})),
            "payload has 2 bytes but the packet says 3");
}

TEST(PacketEncoderTest, RejectsLengthsBeyondIp) {
  EXPECT_EQ(encode_error(Tcp("P.", 1, 65496).win(1)), "IPv4 packet of 65536 bytes exceeds 65535");
  EXPECT_EQ(encode_error(Tcp("P.", 1, 65516).win(1), ipv6_endpoints()),
            "IPv6 payload of 65536 bytes exceeds 65535");
  EXPECT_EQ(encode_error(udp(65528)), "UDP datagram of 65536 bytes exceeds 65535");
  EXPECT_EQ(encode_error(with_ip_info(Tcp(".", 1, 0).win(1), {{}, 0x100000, {}}), ipv6_endpoints()),
            "flow label 1048576 does not fit in 20 bits");
}

TEST(PacketEncoderTest, RejectsEndpointsOfMixedFamilies) {
  Endpoints mixed = ipv4_endpoints();
  mixed.destination = IpAddress::parse("2001:db8::2");
  EXPECT_EQ(encode_error(Tcp(".", 1, 0).win(1), mixed),
            "IP source 192.0.2.1 and destination 2001:db8::2 are of different families");
}

}  // namespace
}  // namespace tcpdrill::codec::test
