#include "netdev/mnl_socket.h"

#include <libmnl/libmnl.h>
#include <sys/socket.h>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {

void MnlSocketCloser::operator()(mnl_socket* socket) const { mnl_socket_close(socket); }

MnlSocket open_rtnetlink_socket(unsigned groups) {
  MnlSocket socket(mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC));
  if (!socket) throw_errno("cannot open rtnetlink socket");
  int on = 1;
  // Extended ACKs carry the kernel's reason ("Nexthop has invalid gateway"); capped ACKs
  // keep error replies small. Kernels without them still work, with plainer errors.
  mnl_socket_setsockopt(socket.get(), NETLINK_EXT_ACK, &on, sizeof on);
  mnl_socket_setsockopt(socket.get(), NETLINK_CAP_ACK, &on, sizeof on);
  if (mnl_socket_bind(socket.get(), groups, MNL_SOCKET_AUTOPID) < 0) throw_errno("cannot bind rtnetlink socket");
  return socket;
}

}  // namespace tcpdrill::netdev
