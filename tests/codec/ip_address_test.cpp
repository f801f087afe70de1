#include <gtest/gtest.h>

#include "codec/packet_codec.h"
#include "tests/codec/codec_error.h"

namespace tcpdrill::codec {
namespace {

TEST(IpAddressTest, ParsesAndPrintsIpv4) {
  const IpAddress address = IpAddress::parse("192.0.2.7");
  EXPECT_EQ(address.family, IpFamily::V4);
  EXPECT_EQ(address.bytes[0], 192);
  EXPECT_EQ(address.bytes[3], 7);
  EXPECT_EQ(address.bytes[4], 0) << "IPv4 uses only the first 4 bytes";
  EXPECT_EQ(address.to_string(), "192.0.2.7");
  EXPECT_EQ(IpAddress::v4({192, 0, 2, 7}), address);
}

TEST(IpAddressTest, ParsesAndPrintsIpv6Canonically) {
  const IpAddress address = IpAddress::parse("2001:0db8:0:0::0001");
  EXPECT_EQ(address.family, IpFamily::V6);
  EXPECT_EQ(address.to_string(), "2001:db8::1");
  EXPECT_EQ(IpAddress::v6(address.bytes), address);
  EXPECT_EQ(IpAddress::parse("::ffff:192.0.2.1").to_string(), "::ffff:192.0.2.1");
}

TEST(IpAddressTest, RejectsMalformedText) {
  for (const char* text : {"", "1.2.3", "256.1.1.1", "1.2.3.4.5", "2001:db8:::1", "fe80::1%eth0"}) {
    EXPECT_EQ(test::codec_error_of([&] { IpAddress::parse(text); }),
              std::string("bad IP address '") + text + "'");
  }
}

}  // namespace
}  // namespace tcpdrill::codec
