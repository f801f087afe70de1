#include <gtest/gtest.h>

#include "codec/checksum.h"
#include "codec/packet_codec.h"
#include "tests/codec/codec_error.h"
#include "tests/codec/test_packets.h"

namespace tcpdrill::codec::test {
namespace {

ast::Packet inner() { return Tcp(".", 1, 0).ports(1, 2).ack(1).win(1); }

Bytes encoded(std::vector<ast::OuterHeader> headers) {
  return encode_packet(with_outer(inner(), std::move(headers)), ipv4_endpoints());
}

Bytes slice(const Bytes& bytes, size_t offset, size_t length) {
  return Bytes(bytes.begin() + offset, bytes.begin() + offset + length);
}

std::string encode_error(std::vector<ast::OuterHeader> headers) {
  return codec_error_of([&] { encoded(std::move(headers)); });
}

ast::GreHeader gre(uint16_t flags) {
  ast::GreHeader header;
  header.flags = flags;
  header.checksum = 0;
  header.offset = 0x0102;
  header.key = 0x11223344;
  header.sequence = 0x55667788;
  return header;
}

TEST(OuterHeaderTest, OuterIpv4CarriesTheInnerPacketWithProtocolAndLengths) {
  const Bytes bytes = encoded({outer_ipv4("10.0.0.1", "10.0.0.2")});
  EXPECT_EQ(bytes.size(), 60u);
  EXPECT_EQ(slice(bytes, 0, 4), (Bytes{0x45, 0, 0, 60}));
  EXPECT_EQ(bytes[8], 255) << "TTL";
  EXPECT_EQ(bytes[9], 4) << "IPv4-in-IP";
  EXPECT_EQ(internet_checksum(slice(bytes, 0, 20)), 0);
  EXPECT_EQ(slice(bytes, 12, 8), (Bytes{10, 0, 0, 1, 10, 0, 0, 2}));
  EXPECT_EQ(bytes[20], 0x45) << "inner header follows";
}

TEST(OuterHeaderTest, OuterIpv6CarriesIpv4AsProtocol4AndGreAs47) {
  EXPECT_EQ(encoded({outer_ipv6("::1", "::2")})[6], 4);
  EXPECT_EQ(encoded({outer_ipv6("::1", "::2"), ast::GreHeader{}})[6], 47);
  EXPECT_EQ(encoded({outer_ipv4("1.1.1.1", "2.2.2.2"), ast::MplsLabelStack{{{1, 0, true, 1}}}})[9],
            137);
}

// RFC 2890: checksum + reserved, then key, then sequence, each only with its flag;
// packetdrill instead keeps key and sequence at fixed offsets.
TEST(OuterHeaderTest, GreLaysOutOnlyThePresentFieldsInOrder) {
  const auto gre_bytes = [](uint16_t flags, size_t length) {
    return slice(encoded({outer_ipv4("10.0.0.1", "10.0.0.2"), gre(flags)}), 20, length);
  };
  EXPECT_EQ(gre_bytes(0x0000, 4), (Bytes{0x00, 0x00, 0x08, 0x00}));
  EXPECT_EQ(gre_bytes(0x2000, 8), (Bytes{0x20, 0x00, 0x08, 0x00, 0x11, 0x22, 0x33, 0x44}));
  EXPECT_EQ(gre_bytes(0x1000, 8), (Bytes{0x10, 0x00, 0x08, 0x00, 0x55, 0x66, 0x77, 0x88}));
  EXPECT_EQ(gre_bytes(0x3000, 12), (Bytes{0x30, 0x00, 0x08, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
                                          0x66, 0x77, 0x88}));
}

TEST(OuterHeaderTest, GreComputesAZeroChecksumAndKeepsAGivenOne) {
  const Bytes computed = encoded({outer_ipv4("10.0.0.1", "10.0.0.2"), gre(0xb000)});
  const Bytes gre_and_payload(computed.begin() + 20, computed.end());
  EXPECT_EQ(internet_checksum(gre_and_payload), 0) << "checksum covers GRE header and payload";
  EXPECT_EQ(slice(computed, 26, 2), (Bytes{0x01, 0x02})) << "offset";
  EXPECT_EQ(slice(computed, 28, 8), (Bytes{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}));

  ast::GreHeader given = gre(0x8000);
  given.checksum = 0xbeef;
  EXPECT_EQ(slice(encoded({outer_ipv4("10.0.0.1", "10.0.0.2"), given}), 24, 2), (Bytes{0xbe, 0xef}));
}

TEST(OuterHeaderTest, GreProtocolNamesWhatItCarries) {
  EXPECT_EQ(slice(encode_packet(with_outer(inner(), {outer_ipv4("1.1.1.1", "2.2.2.2"), ast::GreHeader{}}),
                                ipv6_endpoints()),
                  22, 2),
            (Bytes{0x86, 0xdd}));
  EXPECT_EQ(slice(encoded({outer_ipv4("1.1.1.1", "2.2.2.2"), ast::GreHeader{},
                           ast::MplsLabelStack{{{1, 0, true, 1}}}}),
                  22, 2),
            (Bytes{0x88, 0x47}));
}

TEST(OuterHeaderTest, MplsEntriesPackLabelTcBottomAndTtl) {
  const Bytes bytes = encoded({outer_ipv4("1.1.1.1", "2.2.2.2"),
                               ast::MplsLabelStack{{{0xfffff, 7, false, 255}, {1, 2, true, 3}}}});
  EXPECT_EQ(slice(bytes, 20, 8), (Bytes{0xff, 0xff, 0xfe, 0xff, 0x00, 0x00, 0x15, 0x03}));
}

TEST(OuterHeaderTest, DecodesAGivenGreChecksumAsWritten) {
  ast::GreHeader given = gre(0xb000);
  given.checksum = 0x1234;
  const ast::Packet packet = with_outer(inner(), {outer_ipv4("10.0.0.1", "10.0.0.2"), given});
  EXPECT_EQ(decode_packet(encode_packet(packet, ipv4_endpoints()), ast::Direction::Inbound).packet,
            packet);
}

TEST(OuterHeaderTest, RejectsStacksThatCannotBeBuilt) {
  EXPECT_EQ(encode_error({ast::GreHeader{}}), "the outermost header must be IPv4 or IPv6, not GRE");
  EXPECT_EQ(encode_error({ast::MplsLabelStack{{{1, 0, true, 1}}}}),
            "the outermost header must be IPv4 or IPv6, not MPLS");
  EXPECT_EQ(encode_error({outer_ipv4("1.1.1.1", "2.2.2.2"), ast::GreHeader{}, ast::GreHeader{}}),
            "GRE cannot carry GRE");
  EXPECT_EQ(encode_error({outer_ipv4("1.1.1.1", "2.2.2.2"), ast::MplsLabelStack{{{1, 0, true, 1}}},
                          ast::GreHeader{}}),
            "MPLS cannot carry GRE");
  EXPECT_EQ(encode_error({outer_ipv4("1.1.1.1", "2.2.2.2"), gre(0x4000)}),
            "GRE routing (flag 0x4000) and versions other than 0 are not supported");
  EXPECT_EQ(encode_error({outer_ipv4("1.1.1.1", "2.2.2.2"), gre(0x0001)}),
            "GRE routing (flag 0x4000) and versions other than 0 are not supported");
  EXPECT_EQ(encode_error({outer_ipv4("1.1.1.1", "2.2.2.2"), ast::MplsLabelStack{{{0x100000, 0, true, 1}}}}),
            "MPLS label 1048576 does not fit 20 bits");
  EXPECT_EQ(encode_error({outer_ipv4("1.1.1.1", "2.2.2.2"), ast::MplsLabelStack{{{1, 8, true, 1}}}}),
            "MPLS tc 8 does not fit 3 bits");
}

}  // namespace
}  // namespace tcpdrill::codec::test
