#include "runtime/syscall/syscall_environment.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

// ip is IPv4 text for Ipv4 and Ipv4MappedIpv6, IPv6 text for Ipv6.
LiveSockaddr make_sockaddr(IpVersion version, const std::string& ip, uint16_t port) {
  LiveSockaddr address;
  if (version == IpVersion::Ipv4) {
    auto* in4 = reinterpret_cast<sockaddr_in*>(&address.storage);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(port);
    if (inet_pton(AF_INET, ip.c_str(), &in4->sin_addr) != 1) {
      throw SyscallError("bad live IPv4 address '" + ip + "'");
    }
    address.length = sizeof(sockaddr_in);
    return address;
  }
  auto* in6 = reinterpret_cast<sockaddr_in6*>(&address.storage);
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(port);
  const std::string text = version == IpVersion::Ipv4MappedIpv6 ? "::ffff:" + ip : ip;
  if (inet_pton(AF_INET6, text.c_str(), &in6->sin6_addr) != 1) {
    throw SyscallError("bad live IPv6 address '" + text + "'");
  }
  address.length = sizeof(sockaddr_in6);
  return address;
}

}  // namespace

int SyscallEnvironment::socket_domain() const {
  return ip_version == IpVersion::Ipv4 ? AF_INET : AF_INET6;
}

LiveSockaddr SyscallEnvironment::bind_address() const {
  return make_sockaddr(ip_version, local_ip, bind_port);
}

LiveSockaddr SyscallEnvironment::connect_address() const {
  return make_sockaddr(ip_version, remote_ip, connect_port);
}

LiveSockaddr SyscallEnvironment::remote_address(uint16_t port) const {
  return make_sockaddr(ip_version, remote_ip, port);
}

int64_t SyscallEnvironment::to_wall_usecs(int64_t script_usecs) const {
  return script_to_wall_usecs ? script_to_wall_usecs(script_usecs) : script_usecs;
}

void SyscallEnvironment::apply(const RunConfig& config) {
  ip_version = config.ip_version;
  bind_port = config.bind_port;
  connect_port = config.connect_port;
  send_omit_free = config.send_omit_free;
  tolerance_usecs = config.tolerance_usecs;
}

}  // namespace tcpdrill::runtime
