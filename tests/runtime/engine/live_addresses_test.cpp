#include "runtime/live_addresses.h"

#include <gtest/gtest.h>

#include "netdev/netdev_error.h"

namespace tcpdrill::runtime {
namespace {

TEST(LiveAddressesTest, Ipv4DefaultsAreRunAllsWithAHostRouteToThePeer) {
  const LiveAddresses live = resolve_live_addresses(RunConfig{});
  EXPECT_EQ(live.local.to_string(), "192.168.0.1/16");
  EXPECT_EQ(live.remote.to_string(), "192.0.2.1/32");
  EXPECT_EQ(live.gateway->to_string(), "192.168.0.1");
  EXPECT_EQ(live.local_text, "192.168.0.1");
  EXPECT_EQ(live.remote_text, "192.0.2.1");
}

TEST(LiveAddressesTest, Ipv6Defaults) {
  RunConfig config;
  config.ip_version = IpVersion::Ipv6;
  const LiveAddresses live = resolve_live_addresses(config);
  EXPECT_EQ(live.local.to_string(), "fd3d:a0b:17d6::1/48");
  EXPECT_EQ(live.remote.to_string(), "fd3d:fa7b:d17d::1/128");
  EXPECT_EQ(live.gateway->to_string(), "fd3d:a0b:17d6:8888::1");
}

TEST(LiveAddressesTest, FlagsWinAndNetmaskSetsTheLocalPrefix) {
  RunConfig config;
  config.local_ip = "10.1.2.3";
  config.netmask_ip = "255.255.255.0";
  config.remote_ip = "10.9.0.1/16";
  config.gateway_ip = "10.1.2.254";
  const LiveAddresses live = resolve_live_addresses(config);
  EXPECT_EQ(live.local.to_string(), "10.1.2.3/24");
  EXPECT_EQ(live.remote.to_string(), "10.9.0.1/16");
  EXPECT_EQ(live.remote_text, "10.9.0.1");
}

TEST(LiveAddressesTest, AddressOfTheWrongFamilyIsAnError) {
  RunConfig config;
  config.ip_version = IpVersion::Ipv6;
  config.remote_ip = "192.0.2.1";
  EXPECT_THROW(resolve_live_addresses(config), netdev::NetdevError);
}

}  // namespace
}  // namespace tcpdrill::runtime
