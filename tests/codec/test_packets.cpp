#include "tests/codec/test_packets.h"

#include <algorithm>
#include <string>

#include "parser/parse_context.h"
#include "parser/script_parser.h"
#include "parser/tcp_flags.h"

namespace tcpdrill::codec::test {

Endpoints ipv4_endpoints() {
  return {IpAddress::parse("192.0.2.1"), IpAddress::parse("192.0.2.2"), 8080, 9090};
}

Endpoints ipv6_endpoints() {
  return {IpAddress::parse("2001:db8::1"), IpAddress::parse("2001:db8::2"), 8080, 9090};
}

Endpoints endpoints_of(IpFamily family) {
  return family == IpFamily::V4 ? ipv4_endpoints() : ipv6_endpoints();
}

// The parser's own reading of the letters, so the tests build the flags scripts build.
ast::TcpFlags tcp_flags(std::string_view letters) {
  if (letters == "-") return {};
  const parser_detail::ParseContext context("test_packets", letters, {});
  return parser_detail::parse_tcp_flags(letters, {1, 1}, context);
}

Tcp::Tcp(std::string_view flags, uint32_t start, uint32_t length) {
  segment.flags = tcp_flags(flags);
  segment.start_sequence = start;
  segment.end_sequence = start + length;
  segment.payload_length = length;
}

Tcp& Tcp::ports(uint16_t source, uint16_t destination) {
  segment.ports = ast::PortPair{source, destination};
  return *this;
}

Tcp& Tcp::ack(uint32_t value) {
  segment.ack = value;
  return *this;
}

Tcp& Tcp::win(uint16_t value) {
  segment.window = value;
  return *this;
}

Tcp& Tcp::urg(uint16_t value) {
  segment.urgent_pointer = value;
  return *this;
}

Tcp& Tcp::options(std::vector<ast::TcpOption> list) {
  segment.options = ast::TcpOptionList{std::move(list)};
  return *this;
}

Tcp& Tcp::payload(ast::Bytes bytes) {
  segment.payload = std::move(bytes);
  return *this;
}

Tcp::operator ast::Packet() const {
  ast::Packet packet;
  packet.body = segment;
  return packet;
}

ast::Packet udp(uint32_t length, std::optional<ast::PortPair> ports) {
  ast::Packet packet;
  packet.body = ast::UdpDatagram{ports, length, std::nullopt};
  return packet;
}

ast::Packet icmp(std::string type, std::optional<std::string> code) {
  ast::IcmpMessage message;
  message.type_name = std::move(type);
  message.code_name = std::move(code);
  ast::Packet packet;
  packet.body = message;
  return packet;
}

ast::Packet with_ip_info(ast::Packet packet, ast::IpInfo info) {
  packet.ip = info;
  return packet;
}

ast::Packet with_outer(ast::Packet packet, std::vector<ast::OuterHeader> headers) {
  packet.outer_headers = std::move(headers);
  return packet;
}

ast::OuterIpv4 outer_ipv4(const std::string& source, const std::string& destination) {
  ast::OuterIpv4 header;
  std::copy_n(IpAddress::parse(source).bytes.begin(), 4, header.source.bytes.begin());
  std::copy_n(IpAddress::parse(destination).bytes.begin(), 4, header.destination.bytes.begin());
  return header;
}

ast::OuterIpv6 outer_ipv6(const std::string& source, const std::string& destination) {
  return {{IpAddress::parse(source).bytes}, {IpAddress::parse(destination).bytes}, {}};
}

ast::Bytes bytes_of_hex(std::string_view hex) {
  ast::Bytes bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

ast::Packet parsed_packet(const std::string& text, ast::Direction direction) {
  const std::string line =
      std::string("0 ") + (direction == ast::Direction::Inbound ? "<" : ">") + " " + text + "\n";
  const ast::Script script = parse_script("printed.pkt", line, {});
  return std::get<ast::Packet>(std::get<ast::Event>(script.statements.at(0).value).action);
}

}  // namespace tcpdrill::codec::test
