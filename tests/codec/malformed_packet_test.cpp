// Malformed bytes must end in a CodecError with a clear message, never in a crash or
// an out-of-bounds read (run under ASan/UBSan to check the latter).
#include <gtest/gtest.h>

#include <random>

#include "codec/packet_codec.h"
#include "tests/codec/codec_error.h"
#include "tests/codec/known_packets.h"
#include "tests/codec/test_packets.h"

namespace tcpdrill::codec::test {
namespace {

std::string decode_error(const Bytes& bytes) {
  return codec_error_of([&] { decode_packet(bytes, ast::Direction::Outbound); });
}

Bytes changed(Bytes bytes, size_t offset, uint8_t value) {
  bytes.at(offset) = value;
  return bytes;
}

std::vector<Bytes> sample_packets() {
  ast::GreHeader gre;
  gre.flags = 0xb000;
  return {
      known::kIpv4Syn,
      known::kIpv6Data,
      known::kIpv4Udp,
      known::kIpv4IcmpPortUnreachable,
      known::kIpv6IcmpPacketTooBig,
      encode_packet(with_outer(Tcp(".", 1, 0).win(1).options({opt::Mss{1}}),
                               {outer_ipv6("2001:db8:1::1", "2001:db8:1::2"), gre,
                                ast::MplsLabelStack{{{1, 0, true, 1}}}}),
                    ipv4_endpoints()),
      encode_packet(with_outer(udp(3), {outer_ipv4("10.0.0.1", "10.0.0.2")}), ipv6_endpoints()),
  };
}

TEST(MalformedPacketTest, EveryTruncationIsACodecError) {
  for (const Bytes& packet : sample_packets()) {
    ASSERT_NO_THROW(decode_packet(packet, ast::Direction::Outbound));
    for (size_t length = 0; length < packet.size(); ++length) {
      const Bytes prefix(packet.begin(), packet.begin() + length);
      EXPECT_THROW(decode_packet(prefix, ast::Direction::Outbound), CodecError)
          << "prefix of " << length << " of " << packet.size() << " bytes";
    }
  }
}

TEST(MalformedPacketTest, RandomlyCorruptedPacketsDecodeOrThrowCodecError) {
  std::mt19937 random(42);
  for (const Bytes& packet : sample_packets()) {
    for (int round = 0; round < 2000; ++round) {
      Bytes corrupted = packet;
      for (int flips = 1 + random() % 3; flips > 0; --flips) {
        corrupted[random() % corrupted.size()] = static_cast<uint8_t>(random());
      }
      try {
        const DecodedPacket decoded = decode_packet(corrupted, ast::Direction::Outbound);
        format_packet(decoded.packet);
      } catch (const CodecError&) {
      }
    }
  }
}

TEST(MalformedPacketTest, ReportsBadIpHeaders) {
  EXPECT_EQ(decode_error({}), "empty IP packet");
  EXPECT_EQ(decode_error(changed(known::kIpv4Syn, 0, 0x55)), "IP version 5 is neither 4 nor 6");
  EXPECT_EQ(decode_error(changed(known::kIpv4Syn, 0, 0x44)),
            "IPv4 header length 16 is below the minimum of 20 bytes");
  EXPECT_EQ(decode_error(Bytes(known::kIpv4Syn.begin(), known::kIpv4Syn.begin() + 30)),
            "IPv4 total length 60 does not fit between the header (20 bytes) and the packet (30 "
            "bytes)");
  EXPECT_EQ(decode_error(Bytes(known::kIpv4Syn.begin(), known::kIpv4Syn.begin() + 16)),
            "IPv4 header of 20 bytes runs past the end of the 16-byte packet");
  EXPECT_EQ(decode_error(changed(known::kIpv4Syn, 3, 19)),
            "IPv4 total length 19 does not fit between the header (20 bytes) and the packet (60 "
            "bytes)");
  EXPECT_EQ(decode_error(changed(known::kIpv4Syn, 6, 0x20)), "IPv4 fragments are not supported");
  EXPECT_EQ(decode_error(changed(known::kIpv4Syn, 7, 0x08)), "IPv4 fragments are not supported");
  EXPECT_EQ(decode_error(Bytes(known::kIpv6Data.begin(), known::kIpv6Data.end() - 1)),
            "IPv6 payload length 24 exceeds the 23 bytes after the header");
  EXPECT_EQ(decode_error(Bytes(known::kIpv6Data.begin(), known::kIpv6Data.begin() + 39)),
            "truncated IPv6 header: need 16 more bytes at offset 24, only 15 left");
}

TEST(MalformedPacketTest, ReportsUnsupportedProtocols) {
  EXPECT_EQ(decode_error(changed(known::kIpv4Syn, 9, 132)),
            "IPv4 protocol 132 is not TCP, UDP or ICMP");
  EXPECT_EQ(decode_error(changed(known::kIpv6Data, 6, 1)),
            "IPv6 protocol 1 is not TCP, UDP or ICMPv6");
}

TEST(MalformedPacketTest, ReportsBadTransportHeaders) {
  EXPECT_EQ(decode_error(changed(known::kIpv4Syn, 32, 0x40)),
            "TCP data offset 16 is below the minimum of 20 bytes");
  EXPECT_EQ(decode_error(changed(known::kIpv4Syn, 32, 0xf0)),
            "TCP header of 60 bytes runs past the end of the 40-byte segment");
  EXPECT_EQ(decode_error(changed(known::kIpv4Syn, 58, 4)),
            "TCP option kind 3 of length 4 runs past the end of the TCP header");
  EXPECT_EQ(decode_error(changed(known::kIpv4Udp, 25, 7)),
            "UDP length 7 does not fit between the header (8 bytes) and the datagram (13 bytes)");
  EXPECT_EQ(decode_error(changed(known::kIpv4Udp, 25, 14)),
            "UDP length 14 does not fit between the header (8 bytes) and the datagram (13 bytes)");
  // An IPv4 header claiming only 10 bytes of TCP.
  Bytes short_tcp(known::kIpv4Syn.begin(), known::kIpv4Syn.begin() + 30);
  short_tcp[3] = 30;
  EXPECT_EQ(decode_error(short_tcp), "truncated TCP header: need 4 more bytes at offset 8, only 2 left");
  Bytes short_icmp(known::kIpv4IcmpPortUnreachable.begin(), known::kIpv4IcmpPortUnreachable.begin() + 26);
  short_icmp[3] = 26;
  EXPECT_EQ(decode_error(short_icmp), "truncated ICMPv4 header: need 4 more bytes at offset 4, only 2 left");
}

TEST(MalformedPacketTest, ReportsBadTunnels) {
  const Bytes gre_packet = encode_packet(
      with_outer(Tcp(".", 1, 0).win(1), {outer_ipv4("10.0.0.1", "10.0.0.2"), ast::GreHeader{}}),
      ipv4_endpoints());
  EXPECT_EQ(decode_error(changed(gre_packet, 20, 0x40)),
            "GRE routing (flag 0x4000) and versions other than 0 are not supported");
  EXPECT_EQ(decode_error(changed(gre_packet, 21, 0x01)),
            "GRE routing (flag 0x4000) and versions other than 0 are not supported");
  EXPECT_EQ(decode_error(changed(gre_packet, 22, 0x65)),
            "GRE protocol 0x6500 is not IPv4, IPv6 or MPLS");
  EXPECT_EQ(decode_error(changed(changed(gre_packet, 22, 0x86), 23, 0xdd)),
            "header says it carries IPv6 but carries IPv4");
  const Bytes ip_in_ip = encode_packet(
      with_outer(Tcp(".", 1, 0).win(1), {outer_ipv4("10.0.0.1", "10.0.0.2")}), ipv4_endpoints());
  EXPECT_EQ(decode_error(changed(ip_in_ip, 9, 41)), "header says it carries IPv6 but carries IPv4");
  const Bytes mpls_packet = encode_packet(
      with_outer(Tcp(".", 1, 0).win(1),
                 {outer_ipv4("10.0.0.1", "10.0.0.2"), ast::MplsLabelStack{{{1, 0, true, 1}}}}),
      ipv4_endpoints());
  EXPECT_EQ(decode_error(changed(mpls_packet, 24, 0x75)), "MPLS payload is neither IPv4 nor IPv6");
  // A label stack whose last entry lacks the bottom-of-stack bit runs off the end.
  Bytes unterminated(mpls_packet.begin(), mpls_packet.begin() + 24);
  unterminated[3] = 24;
  unterminated[22] = 0x10;
  EXPECT_EQ(decode_error(unterminated),
            "truncated tunnel header: need 4 more bytes at offset 4, only 0 left");
}

}  // namespace
}  // namespace tcpdrill::codec::test
