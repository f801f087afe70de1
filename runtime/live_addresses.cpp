#include "runtime/live_addresses.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <bit>

#include "netdev/netdev_error.h"

namespace tcpdrill::runtime {
namespace {

struct Defaults {
  const char* local;
  const char* gateway;
  const char* remote;
  uint8_t local_prefix;
  uint8_t remote_prefix;
};

// A remote address without a prefix is routed as a host route, as packetdrill does
// with run_all.py's --remote_ip=192.0.2.1: scripts then change that very route
// (`ip route change 192.0.2.1 ... advmss 600`).
constexpr Defaults kIpv4Defaults{"192.168.0.1", "192.168.0.1", "192.0.2.1", 16, 32};
constexpr Defaults kIpv6Defaults{"fd3d:0a0b:17d6::1", "fd3d:0a0b:17d6:8888::1",
                                 "fd3d:fa7b:d17d::1", 48, 128};

uint8_t netmask_length(const std::string& netmask) {
  in_addr mask{};
  if (inet_pton(AF_INET, netmask.c_str(), &mask) != 1)
    throw netdev::NetdevError(EINVAL, "bad --netmask_ip: " + netmask);
  return static_cast<uint8_t>(std::popcount(ntohl(mask.s_addr)));
}

// "ADDR" gets the default prefix, "ADDR/LEN" keeps its own.
netdev::IpPrefix with_prefix(const std::string& text, uint8_t default_length) {
  netdev::IpPrefix prefix = netdev::IpPrefix::parse(text);
  if (text.find('/') == std::string::npos) prefix.length = default_length;
  return prefix;
}

void expect_family(const netdev::IpAddress& address, int family, const char* flag) {
  if (address.family != family)
    throw netdev::NetdevError(EINVAL, std::string("--") + flag + " " + address.to_string() +
                                          " does not fit the IP version");
}

}  // namespace

LiveAddresses resolve_live_addresses(const RunConfig& config) {
  const bool v6 = config.ip_version == IpVersion::Ipv6;
  const Defaults& defaults = v6 ? kIpv6Defaults : kIpv4Defaults;
  const int family = v6 ? AF_INET6 : AF_INET;

  const uint8_t local_length =
      !v6 && !config.netmask_ip.empty() ? netmask_length(config.netmask_ip) : defaults.local_prefix;
  LiveAddresses live;
  live.local = with_prefix(config.local_ip.empty() ? defaults.local : config.local_ip, local_length);
  live.remote = with_prefix(config.remote_ip.empty() ? defaults.remote : config.remote_ip,
                            defaults.remote_prefix);
  live.gateway = netdev::IpAddress::parse(config.gateway_ip.empty() ? defaults.gateway
                                                                    : config.gateway_ip);
  expect_family(live.local.address, family, "local_ip");
  expect_family(live.remote.address, family, "remote_ip");
  expect_family(*live.gateway, family, "gateway_ip");
  live.local_text = live.local.address.to_string();
  live.remote_text = live.remote.address.to_string();
  return live;
}

}  // namespace tcpdrill::runtime
