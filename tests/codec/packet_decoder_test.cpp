#include <gtest/gtest.h>

#include "codec/packet_codec.h"
#include "tests/codec/codec_error.h"
#include "tests/codec/known_packets.h"
#include "tests/codec/test_packets.h"

namespace tcpdrill::codec::test {
namespace {

DecodedPacket decoded(const Bytes& bytes) { return decode_packet(bytes, ast::Direction::Outbound); }

const ast::TcpSegment& tcp_of(const DecodedPacket& packet) {
  return std::get<ast::TcpSegment>(packet.packet.body);
}

// An MLD-like message behind a hop-by-hop header (router alert + PadN), as the kernel
// sends when a socket joins a multicast group.
Bytes with_hop_by_hop(Bytes ipv6_packet) {
  const uint8_t upper = ipv6_packet[6];
  const Bytes hop_by_hop = {upper, 0, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00};
  ipv6_packet[6] = 0;
  ipv6_packet[5] = static_cast<uint8_t>(ipv6_packet[5] + hop_by_hop.size());
  ipv6_packet.insert(ipv6_packet.begin() + 40, hop_by_hop.begin(), hop_by_hop.end());
  return ipv6_packet;
}

TEST(PacketDecoderTest, FillsTheWireFields) {
  const DecodedPacket syn = decoded(known::kIpv4Syn);
  EXPECT_EQ(syn.packet.direction, ast::Direction::Outbound);
  EXPECT_EQ(syn.wire.family, IpFamily::V4);
  EXPECT_EQ(syn.wire.source.to_string(), "192.0.2.1");
  EXPECT_EQ(syn.wire.destination.to_string(), "192.0.2.2");
  EXPECT_EQ(syn.wire.source_port, 8080);
  EXPECT_EQ(syn.wire.destination_port, 9090);
  EXPECT_EQ(syn.wire.ip_header_length, 20);
  EXPECT_EQ(syn.wire.ip_total_length, 60);
  EXPECT_EQ(syn.wire.ip_protocol, 6);
  EXPECT_EQ(syn.wire.ttl, 255);
  EXPECT_EQ(syn.wire.tcp_data_offset, 40);
  EXPECT_EQ(syn.wire.tcp_reserved_bits, 0);

  const DecodedPacket data = decoded(known::kIpv6Data);
  EXPECT_EQ(data.wire.tos, 0x02);
  EXPECT_EQ(data.wire.flow_label, 0x12345u);
  EXPECT_EQ(data.wire.ttl, 64);
  EXPECT_EQ(data.wire.ip_total_length, 64);

  EXPECT_EQ(decoded(known::kIpv4Udp).wire.udp_length, 13);
  const DecodedPacket icmp = decoded(known::kIpv6IcmpPacketTooBig);
  EXPECT_EQ(icmp.wire.icmp_type, 2);
  EXPECT_EQ(icmp.wire.icmp_code, 0);
}

TEST(PacketDecoderTest, ReportsBadChecksumsWithoutFailing) {
  Bytes bad_ip = known::kIpv4Syn;
  bad_ip[11] ^= 1;
  EXPECT_FALSE(decoded(bad_ip).wire.ipv4_checksum_ok);
  EXPECT_TRUE(decoded(bad_ip).wire.transport_checksum_ok);

  Bytes bad_tcp = known::kIpv6Data;
  bad_tcp.back() ^= 1;
  EXPECT_FALSE(decoded(bad_tcp).wire.transport_checksum_ok);

  Bytes bad_udp = known::kIpv4Udp;
  bad_udp[27] ^= 1;
  EXPECT_FALSE(decoded(bad_udp).wire.transport_checksum_ok);

  Bytes bad_icmp = known::kIpv4IcmpPortUnreachable;
  bad_icmp[22] ^= 1;
  EXPECT_FALSE(decoded(bad_icmp).wire.transport_checksum_ok);
}

TEST(PacketDecoderTest, AcceptsAnAbsentIpv4UdpChecksum) {
  Bytes no_checksum = known::kIpv4Udp;
  no_checksum[26] = no_checksum[27] = 0;
  EXPECT_TRUE(decoded(no_checksum).wire.transport_checksum_ok);
}

TEST(PacketDecoderTest, ChecksumsUdpOverItsLengthNotOverIpPadding) {
  Bytes padded = known::kIpv4Udp;
  padded.insert(padded.end(), {0xaa, 0xbb});
  padded[3] += 2;  // IPv4 total length covers the padding, UDP length does not
  const DecodedPacket packet = decoded(padded);
  EXPECT_TRUE(packet.wire.transport_checksum_ok);
  EXPECT_EQ(packet.wire.udp_length, 13);
  EXPECT_EQ(std::get<ast::UdpDatagram>(packet.packet.body).payload_length, 5u);
}

TEST(PacketDecoderTest, KeepsReservedBitsAndZeroFieldsOnlyWhenMeaningful) {
  Bytes bytes = encode_packet(Tcp("S", 5, 0).win(1), ipv4_endpoints());
  bytes[32] |= 0x0e;  // the three reserved bits
  const DecodedPacket packet = decoded(bytes);
  EXPECT_EQ(packet.wire.tcp_reserved_bits, 7);
  EXPECT_EQ(tcp_of(packet).ack, std::nullopt) << "no ACK flag and a zero field";
  EXPECT_EQ(tcp_of(packet).urgent_pointer, std::nullopt);
  EXPECT_EQ(tcp_of(packet).options.index(), 0u) << "no options at all";

  // A non-zero ack field without the ACK flag is still shown.
  bytes[31] = 9;
  EXPECT_EQ(tcp_of(decoded(bytes)).ack, 9u);
}

TEST(PacketDecoderTest, KeepsAPayloadOnlyWhenSomeByteIsNonZero) {
  const Bytes zeros = encode_packet(Tcp("P.", 1, 100).ack(1).win(1), ipv4_endpoints());
  EXPECT_EQ(tcp_of(decoded(zeros)).payload, std::nullopt);
  EXPECT_EQ(tcp_of(decoded(zeros)).payload_length, 100u);
  Bytes one = zeros;
  one.back() = 1;
  ASSERT_TRUE(tcp_of(decoded(one)).payload.has_value());
  EXPECT_EQ(tcp_of(decoded(one)).payload->back(), 1);
}

TEST(PacketDecoderTest, IgnoresBytesPastTheIpv4TotalLength) {
  Bytes padded = known::kIpv4Syn;
  padded.insert(padded.end(), {0xaa, 0xbb});
  EXPECT_EQ(decoded(padded).packet, decoded(known::kIpv4Syn).packet);
}

TEST(PacketDecoderTest, ReadsIpv4Options) {
  // IHL 6: one word of options (four NOPs) ahead of the TCP header.
  Bytes with_options = known::kIpv4Syn;
  with_options.insert(with_options.begin() + 20, {1, 1, 1, 1});
  with_options[0] = 0x46;
  with_options[3] += 4;
  const DecodedPacket packet = decoded(with_options);
  EXPECT_EQ(packet.wire.ip_header_length, 24);
  EXPECT_FALSE(packet.wire.ipv4_checksum_ok);
  EXPECT_TRUE(packet.wire.transport_checksum_ok);
  EXPECT_EQ(packet.packet.body, decoded(known::kIpv4Syn).packet.body);
}

TEST(PacketDecoderTest, SkipsIpv6ExtensionHeaders) {
  const Bytes mld = with_hop_by_hop(
      encode_packet(icmp("type_143"), ipv6_endpoints()));
  const DecodedPacket packet = decoded(mld);
  EXPECT_EQ(packet.wire.ip_protocol, 58);
  EXPECT_EQ(packet.wire.icmp_type, 143);
  EXPECT_EQ(packet.wire.ip_header_length, 40);
  EXPECT_TRUE(packet.wire.transport_checksum_ok);
  EXPECT_EQ(format_packet(packet.packet), "icmp type_143");

  Bytes fragment = mld;
  fragment[6] = 44;
  EXPECT_EQ(codec_error_of([&] { decoded(fragment); }), "IPv6 fragments are not supported");
  Bytes overlong = mld;
  overlong[41] = 9;
  EXPECT_EQ(codec_error_of([&] { decoded(overlong); }),
            "truncated IPv6 extension header: need 78 more bytes at offset 2, only 62 left");
}

}  // namespace
}  // namespace tcpdrill::codec::test
