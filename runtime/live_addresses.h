#pragma once

#include <optional>
#include <string>

#include "netdev/ip_prefix.h"
#include "runtime/run_config.h"

namespace tcpdrill::runtime {

// The addresses of one run, with the defaults filled in for its IP version (the ones
// packetdrill's run_all.py passes):
//   IPv4 (and IPv4-mapped IPv6): local 192.168.0.1/16, gateway 192.168.0.1,
//                                remote 192.0.2.1/32
//   IPv6: local fd3d:a0b:17d6::1/48, gateway fd3d:a0b:17d6:8888::1,
//         remote fd3d:fa7b:d17d::1/128
// A --remote_ip without /PREFIX is a host route; --netmask_ip sets the IPv4 local prefix.
struct LiveAddresses {
  netdev::IpPrefix local;    // the address on tun0 and its on-link prefix
  netdev::IpPrefix remote;   // the peer's address and the prefix routed to tun0
  std::optional<netdev::IpAddress> gateway;
  std::string local_text;    // without prefix, as the syscalls bind to it
  std::string remote_text;
};

// Throws netdev::NetdevError for an address that does not parse or that belongs to the
// wrong family.
LiveAddresses resolve_live_addresses(const RunConfig& config);

}  // namespace tcpdrill::runtime
