#pragma once

#include <ostream>
#include <string_view>
#include <vector>

#include "codec/packet_codec.h"

// Hand-built script packets for codec tests: the parser is tested on its own, so these
// tests do not depend on it.
namespace tcpdrill::codec::test {

namespace opt = ast::tcp_option;

// 192.0.2.1:8080 > 192.0.2.2:9090 and [2001:db8::1]:8080 > [2001:db8::2]:9090.
Endpoints ipv4_endpoints();
Endpoints ipv6_endpoints();
Endpoints endpoints_of(IpFamily family);

// Flags as scripts write them: "S.", "P.", "FSRP.UEWA", "S.2", "-".
ast::TcpFlags tcp_flags(std::string_view letters);

// A TCP segment `ports flags start:start+length(length)` with fluent setters.
struct Tcp {
  ast::TcpSegment segment;

  Tcp(std::string_view flags, uint32_t start, uint32_t length);
  Tcp& ports(uint16_t source, uint16_t destination);
  Tcp& ack(uint32_t value);
  Tcp& win(uint16_t value);
  Tcp& urg(uint16_t value);
  Tcp& options(std::vector<ast::TcpOption> list);
  Tcp& payload(ast::Bytes bytes);
  operator ast::Packet() const;
};

ast::Packet udp(uint32_t length, std::optional<ast::PortPair> ports = std::nullopt);
ast::Packet icmp(std::string type, std::optional<std::string> code = std::nullopt);
ast::Packet with_ip_info(ast::Packet packet, ast::IpInfo info);
ast::Packet with_outer(ast::Packet packet, std::vector<ast::OuterHeader> headers);

ast::OuterIpv4 outer_ipv4(const std::string& source, const std::string& destination);
ast::OuterIpv6 outer_ipv6(const std::string& source, const std::string& destination);

ast::Bytes bytes_of_hex(std::string_view hex);

// The packet the script parser makes of `text` written as an event at time 0: checks
// that printed packets read back.
ast::Packet parsed_packet(const std::string& text, ast::Direction direction);

}  // namespace tcpdrill::codec::test

namespace tcpdrill::ast {

// Lets GoogleTest show a mismatching packet in script notation.
inline void PrintTo(const Packet& packet, std::ostream* out) {
  *out << codec::format_packet(packet);
}

}  // namespace tcpdrill::ast
