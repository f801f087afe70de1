#include "netdev/ipv6_address_watch.h"

#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <poll.h>

#include <cstring>
#include <vector>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {
namespace {

// Whether message announces the local route of address.
bool announces_local_route(const nlmsghdr* message, const IpAddress& address) {
  if (message->nlmsg_type != RTM_NEWROUTE) return false;
  const auto* route = static_cast<const rtmsg*>(mnl_nlmsg_get_payload(message));
  if (route->rtm_type != RTN_LOCAL || route->rtm_dst_len != 128) return false;
  const auto* attribute = static_cast<const nlattr*>(mnl_nlmsg_get_payload_offset(message, sizeof(rtmsg)));
  const auto* tail = static_cast<const char*>(mnl_nlmsg_get_payload_tail(message));
  for (; mnl_attr_ok(attribute, static_cast<int>(tail - reinterpret_cast<const char*>(attribute)));
       attribute = mnl_attr_next(attribute)) {
    if (mnl_attr_get_type(attribute) == RTA_DST && mnl_attr_get_payload_len(attribute) == 16) {
      return std::memcmp(mnl_attr_get_payload(attribute), address.bytes.data(), 16) == 0;
    }
  }
  return false;
}

}  // namespace

Ipv6AddressWatch::Ipv6AddressWatch() : socket_(open_rtnetlink_socket(RTMGRP_IPV6_ROUTE)) {}

void Ipv6AddressWatch::wait_until_local(const IpAddress& address, std::chrono::milliseconds timeout) {
  const std::string attempted = "IPv6 address " + address.to_string() + " did not become usable";
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<char> buffer(MNL_SOCKET_BUFFER_SIZE);
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw NetdevError(ETIMEDOUT, attempted + " within " + std::to_string(timeout.count()) + " ms");
    pollfd readable = {mnl_socket_get_fd(socket_.get()), POLLIN, 0};
    const int ready = ::poll(&readable, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) throw_errno(attempted);
    if (ready <= 0) continue;

    const ssize_t received = mnl_socket_recvfrom(socket_.get(), buffer.data(), buffer.size());
    if (received < 0) throw_errno(attempted + " (reading route notifications)");
    int remaining = static_cast<int>(received);
    for (auto* message = reinterpret_cast<const nlmsghdr*>(buffer.data()); mnl_nlmsg_ok(message, remaining);
         message = mnl_nlmsg_next(message, &remaining)) {
      if (announces_local_route(message, address)) return;
    }
  }
}

}  // namespace tcpdrill::netdev
