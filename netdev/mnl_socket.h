#pragma once

#include <memory>

struct mnl_socket;

namespace tcpdrill::netdev {

struct MnlSocketCloser {
  void operator()(mnl_socket* socket) const;
};
// An open libmnl socket, closed exactly once.
using MnlSocket = std::unique_ptr<mnl_socket, MnlSocketCloser>;

// A NETLINK_ROUTE socket bound to the given multicast groups (0: requests only), in the
// calling thread's network namespace. Throws NetdevError.
MnlSocket open_rtnetlink_socket(unsigned groups);

}  // namespace tcpdrill::netdev
