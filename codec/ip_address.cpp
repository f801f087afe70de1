#include <arpa/inet.h>

#include <algorithm>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

IpAddress IpAddress::parse(const std::string& text) {
  IpAddress address;
  address.family = text.find(':') == std::string::npos ? IpFamily::V4 : IpFamily::V6;
  const int af = address.family == IpFamily::V4 ? AF_INET : AF_INET6;
  if (inet_pton(af, text.c_str(), address.bytes.data()) != 1) {
    throw CodecError("bad IP address '" + text + "'");
  }
  return address;
}

IpAddress IpAddress::v4(const std::array<uint8_t, 4>& bytes) {
  IpAddress address;
  std::copy(bytes.begin(), bytes.end(), address.bytes.begin());
  return address;
}

IpAddress IpAddress::v6(const std::array<uint8_t, 16>& bytes) {
  return IpAddress{IpFamily::V6, bytes};
}

std::string IpAddress::to_string() const {
  char text[INET6_ADDRSTRLEN] = {};
  const int af = family == IpFamily::V4 ? AF_INET : AF_INET6;
  inet_ntop(af, bytes.data(), text, sizeof text);
  return text;
}

}  // namespace tcpdrill::codec
