#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "netdev/ip_prefix.h"
#include "netdev/mnl_socket.h"

struct nlmsghdr;

namespace tcpdrill::netdev {

// rtnetlink requests through libmnl, replacing `ip link/addr/route` and `tc qdisc`
// subprocesses: a request and its ACK cost microseconds, a subprocess milliseconds.
// The socket belongs to the network namespace the calling thread is in when the object
// is made, so make it after entering the run's namespace. Every request waits for the
// kernel's ACK; a refusal throws NetdevError with the errno and, when the kernel gives
// one, its extended-ACK message.
class Netlink {
 public:
  Netlink();

  void set_link_up(int ifindex, bool up);
  void set_mtu(int ifindex, uint32_t mtu);
  // IPv6 addresses are added with IFA_F_NODAD: usable at once, and no DAD probes on the wire.
  void add_address(int ifindex, const IpPrefix& address);
  // A route to destination.network() out of ifindex, via gateway when given (else on-link).
  void add_route(const IpPrefix& destination, int ifindex, const std::optional<IpAddress>& gateway);
  // `ip route add local PREFIX dev IF metric PRIORITY`: every address of
  // destination.network() becomes the host's own (AnyIP) without being on an interface.
  void add_local_route(const IpPrefix& destination, int ifindex, uint32_t priority);
  // `tc qdisc replace dev IF root KIND` without options. The kernel answers ENOENT when
  // it has no such kind and cannot load a module for it, which is what preflight relies on.
  void replace_root_qdisc(int ifindex, std::string_view kind);

 private:
  struct RouteRequest;
  void add_route(const RouteRequest& route);
  // Sends one request and waits for its ACK.
  void transact(nlmsghdr* request, const std::string& attempted);

  MnlSocket socket_;
  uint32_t port_id_ = 0;
  uint32_t sequence_ = 0;
};

}  // namespace tcpdrill::netdev
