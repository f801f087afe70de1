#include "runner/variant.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tcpdrill::runner {
namespace {

bool has(const std::vector<std::string>& args, const std::string& arg) {
  return std::find(args.begin(), args.end(), arg) != args.end();
}

const std::vector<Variant> kAll{Variant::Ipv4, Variant::Ipv6, Variant::Ipv4MappedIpv6};

TEST(Variant, NamesRoundTrip) {
  for (Variant variant : kAll) EXPECT_EQ(parse_variant(variant_name(variant)), variant);
  EXPECT_FALSE(parse_variant("ipv5"));
}

TEST(Variant, Ipv4UsesSuiteAddressesAndDefines) {
  const auto args = variant_arguments(Variant::Ipv4);
  for (const char* arg : {"--ip_version=ipv4", "--local_ip=192.168.0.1", "--gateway_ip=192.168.0.1",
                          "--netmask_ip=255.255.0.0", "--remote_ip=192.0.2.1",
                          "TFO_COOKIE=3021b9d889017eeb", "TFO_COOKIE_ZERO=b7c12350a90dc8f5",
                          "CMSG_LEVEL_IP=SOL_IP", "CMSG_TYPE_RECVERR=IP_RECVERR",
                          "CODE=host_unreachable"}) {
    EXPECT_TRUE(has(args, arg)) << arg;
  }
  // Every define is passed as "-D" "NAME=VALUE".
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].find('=') != std::string::npos && args[i][0] != '-') {
      EXPECT_EQ(args.at(i - 1), "-D");
    }
  }
}

TEST(Variant, Ipv6UsesSuiteAddressesMtuAndDefines) {
  const auto args = variant_arguments(Variant::Ipv6);
  for (const char* arg : {"--ip_version=ipv6", "--mtu=1520", "--local_ip=fd3d:0a0b:17d6::1",
                          "--gateway_ip=fd3d:0a0b:17d6:8888::1", "--remote_ip=fd3d:fa7b:d17d::1",
                          "TFO_COOKIE=c1d1e9742a47a9bc", "TFO_COOKIE_ZERO=82af1a8f9a205c34",
                          "CMSG_LEVEL_IP=SOL_IPV6", "CMSG_TYPE_RECVERR=IPV6_RECVERR"}) {
    EXPECT_TRUE(has(args, arg)) << arg;
  }
  EXPECT_FALSE(has(args, "--netmask_ip=255.255.0.0"));
}

TEST(Variant, MappedUsesIpv4AddressesWithIpv6ControlMessages) {
  const auto args = variant_arguments(Variant::Ipv4MappedIpv6);
  for (const char* arg : {"--ip_version=ipv4-mapped-ipv6", "--local_ip=192.168.0.1",
                          "--remote_ip=192.0.2.1", "TFO_COOKIE=3021b9d889017eeb",
                          "CODE=host_unreachable", "CMSG_LEVEL_IP=SOL_IPV6",
                          "CMSG_TYPE_RECVERR=IPV6_RECVERR"}) {
    EXPECT_TRUE(has(args, arg)) << arg;
  }
}

TEST(Variant, FileNameSuffixRestrictsFamilies) {
  EXPECT_EQ(variants_for_script("a.pkt", std::nullopt, {}), kAll);
  EXPECT_EQ(variants_for_script("fastopen-v6.pkt", std::nullopt, {}), std::vector{Variant::Ipv6});
  EXPECT_EQ(variants_for_script("icmp-v4.pkt", std::nullopt, {}),
            (std::vector{Variant::Ipv4, Variant::Ipv4MappedIpv6}));
}

TEST(Variant, SelectionAndPinnedVersionNarrowFurther) {
  EXPECT_EQ(variants_for_script("a.pkt", std::nullopt, {Variant::Ipv6}), std::vector{Variant::Ipv6});
  EXPECT_EQ(variants_for_script("a.pkt", Variant::Ipv4, {}), std::vector{Variant::Ipv4});
  EXPECT_TRUE(variants_for_script("a.pkt", Variant::Ipv4, {Variant::Ipv6}).empty());
  EXPECT_TRUE(variants_for_script("a-v6.pkt", std::nullopt, {Variant::Ipv4}).empty());
}

TEST(Variant, PinnedVersionComesFromAnOptionLine) {
  EXPECT_EQ(pinned_variant("// x\n--ip_version=ipv6\n0 socket(...)\n"), Variant::Ipv6);
  EXPECT_EQ(pinned_variant("--mtu=1500\n--ip_version=ipv4-mapped-ipv6 \n"), Variant::Ipv4MappedIpv6);
  EXPECT_FALSE(pinned_variant("// --ip_version=ipv6 in a comment\n"));
  EXPECT_FALSE(pinned_variant(" --ip_version=ipv6\n"));
  EXPECT_FALSE(pinned_variant(""));
}

}  // namespace
}  // namespace tcpdrill::runner
