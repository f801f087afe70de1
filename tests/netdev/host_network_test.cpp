#include "netdev/host_network.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <net/if.h>

#include <cstring>

#include "kernel_test_support.h"
#include "netdev/netdev_error.h"
#include "netdev/netlink.h"
#include "netdev/scratch_namespace.h"

namespace tcpdrill::netdev {
namespace {

using nlohmann::json;
using test::ip_json;

// Sets up the network in a scratch namespace and returns what `ip` sees there.
json inspect_host_network(const HostNetworkConfig& config) {
  const ScratchOutcome outcome = run_in_scratch_namespace([&config](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, config);
    const int family = config.local.address.family == AF_INET ? 4 : 6;
    return json{{"link", ip_json("link show dev tun0")},
                {"addresses", ip_json("-" + std::to_string(family) + " addr show dev tun0")},
                {"routes", ip_json("-" + std::to_string(family) + " route show dev tun0")}}
        .dump();
  });
  if (!outcome.ok) throw std::runtime_error(outcome.text);
  return json::parse(outcome.text);
}

bool has_route(const json& routes, const std::string& destination, const std::string& gateway) {
  for (const json& route : routes) {
    if (route.value("dst", "") == destination && route.value("gateway", "") == gateway) return true;
  }
  return false;
}

TEST(HostNetworkTest, Ipv4TunHasMtuAddressRouteAndIsUp) {
  SKIP_WITHOUT_KERNEL();
  const json seen = inspect_host_network(test::ipv4_test_config(1400));

  const json& link = seen["link"].at(0);
  EXPECT_EQ(link["ifname"], "tun0");
  EXPECT_EQ(link["mtu"], 1400);
  EXPECT_NE(std::find(link["flags"].begin(), link["flags"].end(), "UP"), link["flags"].end()) << link.dump();

  const json& address = seen["addresses"].at(0)["addr_info"].at(0);
  EXPECT_EQ(address["local"], "192.168.0.1");
  EXPECT_EQ(address["prefixlen"], 16);
  EXPECT_TRUE(has_route(seen["routes"], "192.0.2.0/24", "192.168.0.2")) << seen["routes"].dump();
}

TEST(HostNetworkTest, Ipv6AddressIsUsableAtOnceAndNoLinkLocalAddressExists) {
  SKIP_WITHOUT_KERNEL();
  const HostNetworkConfig config = test::ipv6_test_config();
  const json seen = inspect_host_network(config);

  const json& addresses = seen["addresses"].at(0)["addr_info"];
  ASSERT_EQ(addresses.size(), 1u) << "a link-local address would send MLD and RS: " << addresses.dump();
  EXPECT_EQ(addresses[0]["local"], "fd3d:fa7b:d17d::1");
  EXPECT_FALSE(addresses[0].contains("tentative")) << "DAD should be off: " << addresses[0].dump();
  EXPECT_TRUE(has_route(seen["routes"], "fd3d:fa7b:d17e::/48", "fd3d:fa7b:d17d:8888::1")) << seen["routes"].dump();
}

TEST(HostNetworkTest, NewTunSendsNoPacketsOfItsOwn) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace& scratch) {
    const HostNetworkConfig config = test::ipv6_test_config();
    HostNetwork network(scratch, config);
    const auto stray = network.tun().read_packet(std::chrono::steady_clock::now() + std::chrono::milliseconds(300));
    return stray ? "a " + std::to_string(stray->bytes.size()) + "-byte packet" : std::string("nothing");
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text, "nothing");
}

// What HostNetwork throws when built with config from within (a namespace nested in)
// the scratch namespace.
std::string refusal(HostNetworkConfig config, bool nested) {
  const ScratchOutcome outcome = run_in_scratch_namespace([&](const NetworkNamespace& scratch) {
    const std::optional<NetworkNamespace> inner = nested ? std::optional(NetworkNamespace::enter()) : std::nullopt;
    try {
      HostNetwork network(scratch, config);
    } catch (const NetdevError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  });
  return outcome.text;
}

TEST(HostNetworkTest, MixedFamiliesAreRefused) {
  SKIP_WITHOUT_KERNEL();
  HostNetworkConfig config = test::ipv4_test_config();
  config.gateway = IpAddress::parse("fd00::1");
  EXPECT_EQ(refusal(config, false),
            "cannot set up the host network: local 192.168.0.1/16, remote 192.0.2.1/24 and gateway fd00::1 must all be "
            "IPv4 or all IPv6: Invalid argument");
}

TEST(HostNetworkTest, RefusesToRunOutsideItsPrivateNamespace) {
  SKIP_WITHOUT_KERNEL();
  EXPECT_EQ(refusal(test::ipv4_test_config(), true),
            "cannot set up the host network: the calling thread is not in the run's private network namespace: "
            "Invalid argument");
}

// AnyIP, as packetdrill's --is_anyip: no address, the local prefix made local by a route,
// the remote prefix on-link although a gateway is configured.
json inspect_anyip_network(HostNetworkConfig config) {
  config.anyip = true;
  const ScratchOutcome outcome = run_in_scratch_namespace([&config](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, config);
    const std::string family = config.local.address.family == AF_INET ? "-4" : "-6";
    return json{{"addresses", ip_json(family + " addr show dev tun0")},
                {"local_routes", ip_json(family + " route show table local dev tun0")},
                {"routes", ip_json(family + " route show dev tun0")}}
        .dump();
  });
  if (!outcome.ok) throw std::runtime_error(outcome.text);
  return json::parse(outcome.text);
}

bool has_local_route(const json& routes, const std::string& destination) {
  for (const json& route : routes) {
    if (route.value("type", "") == "local" && route.value("dst", "") == destination) return true;
  }
  return false;
}

void expect_anyip_network(const HostNetworkConfig& config, const std::string& local_network,
                          const std::string& remote_network) {
  const json seen = inspect_anyip_network(config);
  EXPECT_TRUE(seen["addresses"].empty() || seen["addresses"].at(0)["addr_info"].empty()) << seen["addresses"].dump();
  EXPECT_TRUE(has_local_route(seen["local_routes"], local_network)) << seen["local_routes"].dump();
  EXPECT_TRUE(has_route(seen["routes"], remote_network, "")) << seen["routes"].dump();
}

TEST(HostNetworkTest, AnyipIpv4HasNoAddressALocalRouteAndAnOnLinkRemote) {
  SKIP_WITHOUT_KERNEL();
  expect_anyip_network(test::ipv4_test_config(), "192.168.0.0/16", "192.0.2.0/24");
}

TEST(HostNetworkTest, AnyipIpv6HasNoAddressALocalRouteAndAnOnLinkRemote) {
  SKIP_WITHOUT_KERNEL();
  expect_anyip_network(test::ipv6_test_config(), "fd3d:fa7b:d17d::/48", "fd3d:fa7b:d17e::/48");
}

TEST(HostNetworkTest, AnyipMakesEveryAddressOfTheLocalPrefixBindable) {
  SKIP_WITHOUT_KERNEL();
  HostNetworkConfig config = test::ipv4_test_config();
  config.anyip = true;
  const ScratchOutcome outcome = run_in_scratch_namespace([&config](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, config);
    const UniqueFd fd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    inet_pton(AF_INET, "192.168.77.9", &address.sin_addr);
    const int result = bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
    return std::string(result == 0 ? "bound" : std::strerror(errno));
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text, "bound");
}

TEST(HostNetworkTest, AnyipRefusesALocalAddressThatIsAssigned) {
  SKIP_WITHOUT_KERNEL();
  HostNetworkConfig config = test::ipv4_test_config();
  config.anyip = true;
  config.local = IpPrefix::parse("127.0.0.1/8");
  EXPECT_EQ(refusal(config, false),
            "cannot set up the host network: --is_anyip, but the local address 127.0.0.1 is assigned to lo: "
            "Invalid argument");
}

TEST(NetlinkTest, RefusalCarriesTheKernelsExtendedAckMessage) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, test::ipv4_test_config());
    try {
      Netlink().add_route(IpPrefix::parse("10.9.0.0/16"), network.tun().ifindex(), IpAddress::parse("172.16.0.1"));
    } catch (const NetdevError& error) {
      return std::string(error.what());
    }
    return std::string("route to an unreachable gateway was accepted");
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_NE(outcome.text.find("cannot add route 10.9.0.0/16 via 172.16.0.1 dev tun0 (kernel: "), std::string::npos)
      << outcome.text;
}

TEST(NetlinkTest, ReplacesTheRootQdisc) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, test::ipv4_test_config());
    Netlink netlink;
    netlink.replace_root_qdisc(network.tun().ifindex(), "pfifo");
    const std::string first = test::command_output("tc -j qdisc show dev tun0");
    netlink.replace_root_qdisc(network.tun().ifindex(), "bfifo");
    return first + "\n" + test::command_output("tc -j qdisc show dev tun0");
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  const size_t newline = outcome.text.find('\n');
  EXPECT_EQ(json::parse(outcome.text.substr(0, newline)).at(0)["kind"], "pfifo") << outcome.text;
  EXPECT_EQ(json::parse(outcome.text.substr(newline + 1)).at(0)["kind"], "bfifo") << outcome.text;
}

TEST(NetlinkTest, SetsLinkDownAgain) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, test::ipv4_test_config());
    Netlink().set_link_up(network.tun().ifindex(), false);
    return ip_json("link show dev tun0").at(0)["flags"].dump();
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text.find("\"UP\""), std::string::npos) << outcome.text;
}

// Whether tun0 is still in the scratch namespace after a HostNetwork made one way is gone.
std::string tun_after_host_network(bool given_namespace) {
  const ScratchOutcome outcome = run_in_scratch_namespace([given_namespace](const NetworkNamespace& scratch) {
    if (given_namespace) {
      HostNetwork network(scratch, test::ipv4_test_config());
    } else {
      HostNetwork network(test::ipv4_test_config());
    }
    return std::string(if_nametoindex("tun0") != 0 ? "stays" : "removed");
  });
  return outcome.text;
}

TEST(HostNetworkTest, InItsPrivateNamespaceTunIsLeftForTheNamespaceToRemove) {
  SKIP_WITHOUT_KERNEL();
  EXPECT_EQ(tun_after_host_network(true), "stays");
}

TEST(HostNetworkTest, WithoutANamespaceTunIsRemovedWithTheObject) {
  SKIP_WITHOUT_KERNEL();
  EXPECT_EQ(tun_after_host_network(false), "removed");
}

TEST(HostNetworkTest, WithoutGatewayTheRemotePrefixIsOnLink) {
  SKIP_WITHOUT_KERNEL();
  HostNetworkConfig config = test::ipv4_test_config();
  config.gateway.reset();
  const json routes = inspect_host_network(config)["routes"];
  bool on_link = false;
  for (const json& route : routes) {
    on_link |= route.value("dst", "") == "192.0.2.0/24" && !route.contains("gateway") && route.value("scope", "") == "link";
  }
  EXPECT_TRUE(on_link) << routes.dump();
}

}  // namespace
}  // namespace tcpdrill::netdev
