#include "netdev/ip_prefix.h"

#include <arpa/inet.h>

#include <charconv>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {

IpAddress IpAddress::parse(std::string_view text) {
  const std::string zero_terminated(text);
  IpAddress address;
  if (inet_pton(AF_INET, zero_terminated.c_str(), address.bytes.data()) == 1) {
    address.family = AF_INET;
  } else if (inet_pton(AF_INET6, zero_terminated.c_str(), address.bytes.data()) == 1) {
    address.family = AF_INET6;
  } else {
    throw NetdevError(EINVAL, "cannot parse IP address '" + zero_terminated + "'");
  }
  return address;
}

size_t IpAddress::size() const { return family == AF_INET ? 4 : 16; }

uint8_t IpAddress::max_prefix_length() const { return family == AF_INET ? 32 : 128; }

std::string IpAddress::to_string() const {
  char text[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(family, bytes.data(), text, sizeof text) == nullptr) return "<no address>";
  return text;
}

IpPrefix IpPrefix::parse(std::string_view text) {
  const size_t slash = text.find('/');
  IpPrefix prefix;
  prefix.address = IpAddress::parse(text.substr(0, slash));
  prefix.length = prefix.address.max_prefix_length();
  if (slash == std::string_view::npos) return prefix;

  const std::string_view digits = text.substr(slash + 1);
  unsigned length = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
  if (error != std::errc() || end != digits.data() + digits.size() || digits.empty() ||
      length > prefix.address.max_prefix_length()) {
    throw NetdevError(EINVAL, "cannot parse IP prefix '" + std::string(text) +
                                  "': prefix length must be 0.." +
                                  std::to_string(prefix.address.max_prefix_length()));
  }
  prefix.length = static_cast<uint8_t>(length);
  return prefix;
}

IpPrefix IpPrefix::network() const {
  IpPrefix masked = *this;
  for (size_t i = 0; i < address.size(); ++i) {
    const int bits_kept = static_cast<int>(length) - static_cast<int>(i * 8);
    if (bits_kept >= 8) continue;
    const uint8_t mask = bits_kept <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - bits_kept));
    masked.address.bytes[i] &= mask;
  }
  return masked;
}

std::string IpPrefix::to_string() const {
  return address.to_string() + "/" + std::to_string(length);
}

}  // namespace tcpdrill::netdev
