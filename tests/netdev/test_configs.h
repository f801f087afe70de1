#pragma once

// The host networks the netdev tests and benchmarks set up: packetdrill's default
// addresses, so what is measured is what a run does.

#include <cstdint>

#include "netdev/host_network.h"

namespace tcpdrill::netdev::test {

// 192.168.0.1/16 on tun0, remote 192.0.2.1/24 via 192.168.0.2.
inline HostNetworkConfig ipv4_test_config(uint32_t mtu = 1500, TunOptions tun = {}) {
  HostNetworkConfig config;
  config.local = IpPrefix::parse("192.168.0.1/16");
  config.remote = IpPrefix::parse("192.0.2.1/24");
  config.gateway = IpAddress::parse("192.168.0.2");
  config.mtu = mtu;
  config.tun = std::move(tun);
  return config;
}

// fd3d:fa7b:d17d::1/48 on tun0, remote fd3d:fa7b:d17e::1/48 via fd3d:fa7b:d17d:8888::1.
inline HostNetworkConfig ipv6_test_config() {
  HostNetworkConfig config;
  config.local = IpPrefix::parse("fd3d:fa7b:d17d::1/48");
  config.remote = IpPrefix::parse("fd3d:fa7b:d17e::1/48");
  config.gateway = IpAddress::parse("fd3d:fa7b:d17d:8888::1");
  return config;
}

}  // namespace tcpdrill::netdev::test
