#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tcpdrill::netdev {

// An IPv4 or IPv6 address in network byte order. netdev keeps its own plain type so it
// depends on nothing else in the project; the runtime converts from the script's view.
struct IpAddress {
  int family = 0;                     // AF_INET or AF_INET6
  std::array<uint8_t, 16> bytes{};    // IPv4 uses the first 4

  // Parses dotted quad or IPv6 text (inet_pton); throws NetdevError when it is neither.
  static IpAddress parse(std::string_view text);
  size_t size() const;                // 4 or 16
  uint8_t max_prefix_length() const;  // 32 or 128
  std::string to_string() const;
  bool operator==(const IpAddress&) const = default;
};

// An address with a prefix length, "10.0.0.1/24" or "fd00::1/64".
struct IpPrefix {
  IpAddress address;
  uint8_t length = 0;

  // "ADDR/LEN", or "ADDR" meaning a host prefix; throws NetdevError on bad text.
  static IpPrefix parse(std::string_view text);
  // The same prefix with the host bits cleared: the kernel rejects routes to
  // 192.0.2.1/24, and scripts name the remote side by one of its addresses.
  IpPrefix network() const;
  std::string to_string() const;
  bool operator==(const IpPrefix&) const = default;
};

}  // namespace tcpdrill::netdev
