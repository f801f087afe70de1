#include "codec/checksum.h"

#include <gtest/gtest.h>

#include <random>

namespace tcpdrill::codec {
namespace {

// A second, independent computation: add 16-bit words one at a time with the
// end-around carry applied after every addition (RFC 1071 section 1's definition),
// where the codec defers folding to the end and accumulates across pieces.
uint16_t checksum_by_end_around_carry(const std::vector<uint8_t>& bytes) {
  uint32_t sum = 0;
  for (size_t i = 0; i < bytes.size(); i += 2) {
    const uint32_t word = (uint32_t{bytes[i]} << 8) | (i + 1 < bytes.size() ? bytes[i + 1] : 0);
    sum += word;
    if (sum > 0xffff) sum = (sum & 0xffff) + 1;
  }
  return static_cast<uint16_t>(~sum);
}

TEST(ChecksumTest, MatchesTheRfc1071Example) {
  // RFC 1071 section 3: these words sum to 0xddf2, whose complement is 0x220d.
  const std::vector<uint8_t> bytes = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  EXPECT_EQ(internet_checksum(bytes), 0x220d);
}

TEST(ChecksumTest, MatchesAWorkedIpv4HeaderAndVerifiesToZero) {
  // A commonly worked IPv4 header (192.168.0.1 > 192.168.0.199, UDP, TTL 64, DF) whose
  // checksum field, summed by hand, is 0xb861.
  std::vector<uint8_t> header = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
  EXPECT_EQ(internet_checksum(header), 0xb861);
  header[10] = 0xb8;
  header[11] = 0x61;
  EXPECT_EQ(internet_checksum(header), 0);
}

TEST(ChecksumTest, OddLengthPadsWithAZeroByte) {
  EXPECT_EQ(internet_checksum(std::vector<uint8_t>{0x12}), static_cast<uint16_t>(~0x1200));
  EXPECT_EQ(internet_checksum(std::vector<uint8_t>{}), 0xffff);
}

TEST(ChecksumTest, AgreesWithTheIndependentSumOverRandomBytesSplitAnywhere) {
  std::mt19937 random(1234);
  for (size_t length = 0; length < 300; ++length) {
    std::vector<uint8_t> bytes(length);
    for (auto& byte : bytes) byte = static_cast<uint8_t>(random());
    const uint16_t expected = checksum_by_end_around_carry(bytes);
    EXPECT_EQ(internet_checksum(bytes), expected) << "length " << length;

    // The accumulator must give the same result however the bytes are split.
    ChecksumAccumulator pieces;
    size_t offset = 0;
    while (offset < length) {
      const size_t piece = std::min<size_t>(random() % 7, length - offset);
      pieces.add(std::span(bytes).subspan(offset, piece));
      offset += piece;
    }
    EXPECT_EQ(pieces.finish(), expected) << "length " << length;
  }
}

TEST(ChecksumTest, TransportChecksumCoversTheIpv4PseudoHeader) {
  const auto source = IpAddress::parse("10.0.0.1");
  const auto destination = IpAddress::parse("10.0.0.2");
  const std::vector<uint8_t> segment = {0x12, 0x34, 0x56};
  // Pseudo-header words: 0a00 0001 0a00 0002 0011 0003, then the segment.
  const std::vector<uint8_t> flat = {0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, 0x00,
                                     0x11, 0x00, 0x03, 0x12, 0x34, 0x56};
  EXPECT_EQ(transport_checksum(source, destination, 17, segment),
            checksum_by_end_around_carry(flat));
}

TEST(ChecksumTest, TransportChecksumCoversTheIpv6PseudoHeader) {
  const auto source = IpAddress::parse("2001:db8::1");
  const auto destination = IpAddress::parse("2001:db8::2");
  const std::vector<uint8_t> segment = {0xab, 0xcd};
  std::vector<uint8_t> flat(source.bytes.begin(), source.bytes.end());
  flat.insert(flat.end(), destination.bytes.begin(), destination.bytes.end());
  // 32-bit length, three zero bytes, next header.
  for (uint8_t byte : {0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x3a}) flat.push_back(byte);
  flat.insert(flat.end(), segment.begin(), segment.end());
  EXPECT_EQ(transport_checksum(source, destination, 58, segment),
            checksum_by_end_around_carry(flat));
}

}  // namespace
}  // namespace tcpdrill::codec
