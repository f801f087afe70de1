#pragma once

#include <cstdint>
#include <optional>

#include "netdev/ip_prefix.h"
#include "netdev/network_namespace.h"
#include "netdev/tun_device.h"

namespace tcpdrill::netdev {

struct HostNetworkConfig {
  IpPrefix local;                     // our address on tun0 and the on-link prefix, 192.168.0.1/16
  IpPrefix remote;                    // the script's remote side; routed as remote.network()
  std::optional<IpAddress> gateway;   // next hop for remote; none routes remote on-link
  uint32_t mtu = 1500;
  TunOptions tun;                     // name and offloads
  // packetdrill's --is_anyip: local.address is on no interface (and must not be), a
  // local route makes every address of local.network() the host's own, and remote is
  // routed on-link whatever the gateway.
  bool anyip = false;
};

// The private network of one run: IPv6 autoconfiguration silenced, tun0 created with its
// MTU, address (or AnyIP local route) and remote route, and up. Only netlink and
// /proc/sys writes, no subprocess and no sleeping; see docs/benchmarks.md for what it
// costs.
class HostNetwork {
 public:
  // In private_namespace, which the calling thread must be in. tun0 is then left for the
  // namespace's death to remove (TunOptions::remove_with_namespace), which is safe because
  // the namespace is known to be private, and saves the run 20-40 ms of teardown. One
  // HostNetwork per namespace. Throws NetdevError naming the step that failed.
  HostNetwork(const NetworkNamespace& private_namespace, const HostNetworkConfig& config);
  // In whatever namespace the calling thread is in, with config.tun as given: by default
  // tun0 is removed, synchronously, when this object goes.
  explicit HostNetwork(const HostNetworkConfig& config);

  TunDevice& tun() { return tun_; }
  const TunDevice& tun() const { return tun_; }

 private:
  TunDevice tun_;
};

// Turns off what would put packets of its own on a new interface: IPv6 DAD probes,
// router solicitations and the link-local address (whose MLD reports and RS would show
// up on the TUN as unexpected packets). Applied to "all" and "default", so devices made
// afterwards inherit it. Does nothing when the kernel has no IPv6.
void silence_ipv6_autoconfiguration();
// The same for one existing interface.
void silence_ipv6_autoconfiguration(const std::string& interface);

}  // namespace tcpdrill::netdev
