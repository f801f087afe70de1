#include "netdev/netlink.h"

#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>

#include <cstring>
#include <vector>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {
namespace {

// The extended-ACK text the kernel attached to an error, as " (kernel: ...)", or "".
std::string kernel_message(const nlmsghdr* reply, const nlmsgerr* error) {
  if ((reply->nlmsg_flags & NLM_F_ACK_TLVS) == 0) return "";
  // With NETLINK_CAP_ACK the kernel echoes only our request's header; without it, all of it.
  size_t offset = sizeof(nlmsgerr);
  if ((reply->nlmsg_flags & NLM_F_CAPPED) == 0) offset += error->msg.nlmsg_len - sizeof(nlmsghdr);
  // mnl_attr_for_each() does not compile as C++ (void* conversions), hence the loop.
  const auto* attribute = static_cast<const nlattr*>(mnl_nlmsg_get_payload_offset(reply, offset));
  const auto* tail = static_cast<const char*>(mnl_nlmsg_get_payload_tail(reply));
  for (; mnl_attr_ok(attribute, static_cast<int>(tail - reinterpret_cast<const char*>(attribute)));
       attribute = mnl_attr_next(attribute)) {
    if (mnl_attr_get_type(attribute) != NLMSGERR_ATTR_MSG) continue;
    const auto* text = static_cast<const char*>(mnl_attr_get_payload(attribute));
    return " (kernel: " + std::string(text, strnlen(text, mnl_attr_get_payload_len(attribute))) + ")";
  }
  return "";
}

std::string interface_label(int ifindex) {
  char name[IF_NAMESIZE] = {};
  if (if_indextoname(static_cast<unsigned>(ifindex), name) != nullptr) return name;
  return "ifindex " + std::to_string(ifindex);
}

// Room for one request: the largest we build (a route) is well under 256 bytes.
struct RequestBuffer {
  alignas(nlmsghdr) char bytes[512] = {};
  nlmsghdr* start(uint16_t type, uint16_t flags) {
    nlmsghdr* header = mnl_nlmsg_put_header(bytes);
    header->nlmsg_type = type;
    header->nlmsg_flags = flags;
    return header;
  }
};

template <typename Header>
Header* put_extra_header(nlmsghdr* request) {
  return static_cast<Header*>(mnl_nlmsg_put_extra_header(request, sizeof(Header)));
}

ifinfomsg* start_link_change(RequestBuffer& buffer, int ifindex) {
  nlmsghdr* request = buffer.start(RTM_NEWLINK, 0);
  auto* link = put_extra_header<ifinfomsg>(request);
  link->ifi_family = AF_UNSPEC;
  link->ifi_index = ifindex;
  return link;
}

}  // namespace

Netlink::Netlink() : socket_(open_rtnetlink_socket(0)), port_id_(mnl_socket_get_portid(socket_.get())) {}

void Netlink::transact(nlmsghdr* request, const std::string& attempted) {
  request->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
  request->nlmsg_seq = ++sequence_;
  if (mnl_socket_sendto(socket_.get(), request, request->nlmsg_len) < 0) throw_errno(attempted);

  std::vector<char> reply_buffer(MNL_SOCKET_BUFFER_SIZE);
  for (;;) {
    const ssize_t received = mnl_socket_recvfrom(socket_.get(), reply_buffer.data(), reply_buffer.size());
    if (received < 0) {
      if (errno == EINTR) continue;
      throw_errno(attempted + " (reading the kernel's answer)");
    }
    int remaining = static_cast<int>(received);
    for (auto* reply = reinterpret_cast<const nlmsghdr*>(reply_buffer.data()); mnl_nlmsg_ok(reply, remaining);
         reply = mnl_nlmsg_next(reply, &remaining)) {
      if (reply->nlmsg_type != NLMSG_ERROR || reply->nlmsg_seq != request->nlmsg_seq ||
          reply->nlmsg_pid != port_id_) {
        continue;
      }
      const auto* error = static_cast<const nlmsgerr*>(mnl_nlmsg_get_payload(reply));
      if (error->error == 0) return;
      throw NetdevError(-error->error, attempted + kernel_message(reply, error));
    }
  }
}

void Netlink::set_link_up(int ifindex, bool up) {
  RequestBuffer buffer;
  ifinfomsg* link = start_link_change(buffer, ifindex);
  link->ifi_change = IFF_UP;
  link->ifi_flags = up ? IFF_UP : 0;
  transact(reinterpret_cast<nlmsghdr*>(buffer.bytes),
           std::string("cannot set link ") + interface_label(ifindex) + (up ? " up" : " down"));
}

void Netlink::set_mtu(int ifindex, uint32_t mtu) {
  RequestBuffer buffer;
  start_link_change(buffer, ifindex);
  auto* request = reinterpret_cast<nlmsghdr*>(buffer.bytes);
  mnl_attr_put_u32(request, IFLA_MTU, mtu);
  transact(request, "cannot set MTU of " + interface_label(ifindex) + " to " + std::to_string(mtu));
}

void Netlink::add_address(int ifindex, const IpPrefix& address) {
  RequestBuffer buffer;
  nlmsghdr* request = buffer.start(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
  auto* header = put_extra_header<ifaddrmsg>(request);
  header->ifa_family = static_cast<uint8_t>(address.address.family);
  header->ifa_prefixlen = address.length;
  header->ifa_scope = RT_SCOPE_UNIVERSE;
  header->ifa_index = static_cast<uint32_t>(ifindex);
  const bool ipv6 = address.address.family == AF_INET6;
  if (ipv6) header->ifa_flags = IFA_F_NODAD;
  const void* bytes = address.address.bytes.data();
  const size_t size = address.address.size();
  mnl_attr_put(request, IFA_LOCAL, size, bytes);
  mnl_attr_put(request, IFA_ADDRESS, size, bytes);
  if (ipv6) mnl_attr_put_u32(request, IFA_FLAGS, IFA_F_NODAD);
  transact(request, "cannot add address " + address.to_string() + " to " + interface_label(ifindex));
}

struct Netlink::RouteRequest {
  IpPrefix network;
  int ifindex = 0;
  uint8_t table = RT_TABLE_MAIN;
  uint8_t type = RTN_UNICAST;
  uint8_t scope = RT_SCOPE_LINK;
  std::optional<IpAddress> gateway;
  std::optional<uint32_t> priority;
  std::string description;  // as `ip route add` would take it
};

void Netlink::add_route(const RouteRequest& route) {
  RequestBuffer buffer;
  nlmsghdr* request = buffer.start(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
  auto* header = put_extra_header<rtmsg>(request);
  header->rtm_family = static_cast<uint8_t>(route.network.address.family);
  header->rtm_dst_len = route.network.length;
  header->rtm_table = route.table;
  header->rtm_protocol = RTPROT_BOOT;
  header->rtm_scope = route.scope;
  header->rtm_type = route.type;
  const IpAddress& destination = route.network.address;
  if (route.network.length > 0) mnl_attr_put(request, RTA_DST, destination.size(), destination.bytes.data());
  if (route.gateway) mnl_attr_put(request, RTA_GATEWAY, route.gateway->size(), route.gateway->bytes.data());
  mnl_attr_put_u32(request, RTA_OIF, static_cast<uint32_t>(route.ifindex));
  if (route.priority) mnl_attr_put_u32(request, RTA_PRIORITY, *route.priority);
  transact(request, "cannot add route " + route.description);
}

void Netlink::add_route(const IpPrefix& destination, int ifindex, const std::optional<IpAddress>& gateway) {
  RouteRequest route;
  route.network = destination.network();
  route.ifindex = ifindex;
  route.scope = gateway ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
  route.gateway = gateway;
  route.description = route.network.to_string() + (gateway ? " via " + gateway->to_string() : "") + " dev " +
                      interface_label(ifindex);
  add_route(route);
}

void Netlink::add_local_route(const IpPrefix& destination, int ifindex, uint32_t priority) {
  RouteRequest route;
  route.network = destination.network();
  route.ifindex = ifindex;
  route.table = RT_TABLE_LOCAL;
  route.type = RTN_LOCAL;
  route.scope = RT_SCOPE_HOST;
  route.priority = priority;
  route.description = "local " + route.network.to_string() + " dev " + interface_label(ifindex) + " metric " +
                      std::to_string(priority);
  add_route(route);
}

void Netlink::replace_root_qdisc(int ifindex, std::string_view kind) {
  RequestBuffer buffer;
  nlmsghdr* request = buffer.start(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE);
  auto* qdisc = put_extra_header<tcmsg>(request);
  qdisc->tcm_family = AF_UNSPEC;
  qdisc->tcm_ifindex = ifindex;
  qdisc->tcm_parent = TC_H_ROOT;
  const std::string kind_text(kind);
  // The kernel caps kinds at IFNAMSIZ, and the request buffer is sized for that.
  if (kind_text.size() >= IFNAMSIZ) throw NetdevError(EINVAL, "cannot set root qdisc '" + kind_text + "': kind too long");
  mnl_attr_put_strz(request, TCA_KIND, kind_text.c_str());
  transact(request, "cannot set root qdisc " + kind_text + " to " + interface_label(ifindex));
}

}  // namespace tcpdrill::netdev
