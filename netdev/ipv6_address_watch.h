#pragma once

#include <chrono>

#include "netdev/ip_prefix.h"
#include "netdev/mnl_socket.h"

namespace tcpdrill::netdev {

// Waits for an IPv6 address to be usable. Adding one returns before the kernel installs
// its local route: that happens in addrconf's work queue, once the device is up and its
// link state known, so a packet injected right after setup can be dropped as "not for
// us" (Ip6InAddrErrors). IPv4 installs its local route synchronously and needs none of this.
class Ipv6AddressWatch {
 public:
  // Subscribes to IPv6 route changes of the calling thread's namespace; make it before
  // adding the address, so the announcement cannot be missed.
  Ipv6AddressWatch();

  // Returns once the local route of address is in the table. Throws NetdevError
  // (ETIMEDOUT) when it does not come within timeout.
  void wait_until_local(const IpAddress& address, std::chrono::milliseconds timeout);

 private:
  MnlSocket socket_;
};

}  // namespace tcpdrill::netdev
