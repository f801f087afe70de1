#include "netdev/host_network.h"

#include <netinet/in.h>

#include "netdev/interface_address.h"
#include "netdev/ipv6_address_watch.h"
#include "netdev/netdev_error.h"
#include "netdev/netlink.h"
#include "netdev/sysctl.h"

namespace tcpdrill::netdev {
namespace {

// A metric of our own keeps the AnyIP local route apart from the same route added by a
// script written for packetdrill, which has to set up AnyIP itself.
constexpr uint32_t kAnyipRouteMetric = 4242;

void check_config(const HostNetworkConfig& config) {
  const int family = config.local.address.family;
  const bool families_match = config.remote.address.family == family &&
                              (!config.gateway || config.gateway->family == family);
  if (family == 0 || !families_match) {
    throw NetdevError(EINVAL, "cannot set up the host network: local " + config.local.to_string() + ", remote " +
                                  config.remote.to_string() +
                                  (config.gateway ? " and gateway " + config.gateway->to_string() : std::string()) +
                                  " must all be IPv4 or all IPv6");
  }
}

TunDevice checked_tun(const HostNetworkConfig& config) {
  check_config(config);
  silence_ipv6_autoconfiguration();
  return TunDevice(config.tun);
}

// packetdrill refuses an AnyIP run whose local address is assigned somewhere (an
// --init_scripts command may have added it): the test would not be AnyIP at all.
void check_anyip_local_address(const IpAddress& local) {
  if (const std::optional<std::string> holder = interface_with_address(local)) {
    throw NetdevError(EINVAL, "cannot set up the host network: --is_anyip, but the local address " +
                                  local.to_string() + " is assigned to " + *holder);
  }
}

HostNetworkConfig in_private_namespace(const NetworkNamespace& private_namespace, HostNetworkConfig config) {
  if (current_network_namespace_inode() != private_namespace.inode()) {
    throw NetdevError(EINVAL, "cannot set up the host network: the calling thread is not in the run's private network namespace");
  }
  config.tun.remove_with_namespace = true;
  return config;
}

}  // namespace

void silence_ipv6_autoconfiguration(const std::string& interface) {
  const Sysctl sysctl;
  const std::string prefix = "net/ipv6/conf/" + interface + "/";
  if (!sysctl.exists(prefix + "accept_dad")) return;
  sysctl.write(prefix + "accept_dad", "0");
  sysctl.write(prefix + "dad_transmits", "0");
  sysctl.write(prefix + "router_solicitations", "0");
  sysctl.write(prefix + "addr_gen_mode", "1");  // IN6_ADDR_GEN_MODE_NONE: no link-local address
}

void silence_ipv6_autoconfiguration() {
  silence_ipv6_autoconfiguration("all");
  silence_ipv6_autoconfiguration("default");
}

HostNetwork::HostNetwork(const NetworkNamespace& private_namespace, const HostNetworkConfig& config)
    : HostNetwork(in_private_namespace(private_namespace, config)) {}

HostNetwork::HostNetwork(const HostNetworkConfig& config) : tun_(checked_tun(config)) {
  silence_ipv6_autoconfiguration(tun_.name());
  const bool ipv6 = config.local.address.family == AF_INET6;
  std::optional<Ipv6AddressWatch> address_watch;
  if (ipv6 && !config.anyip) address_watch.emplace();
  Netlink netlink;
  netlink.set_mtu(tun_.ifindex(), config.mtu);
  if (config.anyip)
    check_anyip_local_address(config.local.address);
  else
    netlink.add_address(tun_.ifindex(), config.local);
  netlink.set_link_up(tun_.ifindex(), true);
  if (config.anyip) netlink.add_local_route(config.local, tun_.ifindex(), kAnyipRouteMetric);
  netlink.add_route(config.remote, tun_.ifindex(), config.anyip ? std::nullopt : config.gateway);
  // The kernel may take until its next link-state pass (up to a second) to make the
  // address usable; a script's first inbound packet must not come before that.
  if (address_watch) address_watch->wait_until_local(config.local.address, std::chrono::seconds(2));
}

}  // namespace tcpdrill::netdev
