#include "netdev/interface_address.h"

#include <ifaddrs.h>
#include <netinet/in.h>

#include <cstring>
#include <memory>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {
namespace {

std::optional<IpAddress> address_of(const sockaddr* socket_address) {
  if (socket_address == nullptr) return std::nullopt;
  IpAddress address;
  address.family = socket_address->sa_family;
  if (address.family == AF_INET) {
    const auto& v4 = *reinterpret_cast<const sockaddr_in*>(socket_address);
    std::memcpy(address.bytes.data(), &v4.sin_addr, sizeof v4.sin_addr);
  } else if (address.family == AF_INET6) {
    const auto& v6 = *reinterpret_cast<const sockaddr_in6*>(socket_address);
    std::memcpy(address.bytes.data(), &v6.sin6_addr, sizeof v6.sin6_addr);
  } else {
    return std::nullopt;
  }
  return address;
}

}  // namespace

std::optional<std::string> interface_with_address(const IpAddress& address) {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) throw_errno("cannot list the interface addresses");
  const std::unique_ptr<ifaddrs, decltype(&freeifaddrs)> owned(list, freeifaddrs);
  for (const ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
    if (address_of(entry->ifa_addr) == address) return std::string(entry->ifa_name);
  }
  return std::nullopt;
}

}  // namespace tcpdrill::netdev
