#include "netdev/ip_prefix.h"

#include <gtest/gtest.h>
#include <netinet/in.h>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {
namespace {

TEST(IpPrefixTest, ParsesIpv4WithLength) {
  const IpPrefix prefix = IpPrefix::parse("192.168.0.1/16");
  EXPECT_EQ(prefix.address.family, AF_INET);
  EXPECT_EQ(prefix.length, 16);
  EXPECT_EQ(prefix.to_string(), "192.168.0.1/16");
}

TEST(IpPrefixTest, AddressWithoutLengthIsAHostPrefix) {
  EXPECT_EQ(IpPrefix::parse("192.0.2.1").length, 32);
  EXPECT_EQ(IpPrefix::parse("fd00::1").length, 128);
}

TEST(IpPrefixTest, NetworkClearsHostBits) {
  EXPECT_EQ(IpPrefix::parse("192.0.2.77/24").network().to_string(), "192.0.2.0/24");
  EXPECT_EQ(IpPrefix::parse("10.255.255.255/9").network().to_string(), "10.128.0.0/9");
  EXPECT_EQ(IpPrefix::parse("fd3d:fa7b:d17e:1::1/48").network().to_string(), "fd3d:fa7b:d17e::/48");
  EXPECT_EQ(IpPrefix::parse("1.2.3.4/0").network().to_string(), "0.0.0.0/0");
}

TEST(IpPrefixTest, RejectsBadTextWithTheText) {
  for (const char* text : {"192.168.0.300", "192.168.0.1/33", "fd00::1/129", "10.0.0.1/", "10.0.0.1/x", "tun0"}) {
    try {
      IpPrefix::parse(text);
      ADD_FAILURE() << text << " accepted";
    } catch (const NetdevError& error) {
      EXPECT_NE(std::string(error.what()).find("cannot parse IP"), std::string::npos) << error.what();
    }
  }
}

}  // namespace
}  // namespace tcpdrill::netdev
