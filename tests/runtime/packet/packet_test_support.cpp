#include "packet_test_support.h"

#include <variant>

#include "runtime/packet/tcp_option_image.h"

namespace tcpdrill::runtime::packet::test {

codec::IpAddress ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  codec::IpAddress address;
  address.family = codec::IpFamily::V4;
  address.bytes[0] = a;
  address.bytes[1] = b;
  address.bytes[2] = c;
  address.bytes[3] = d;
  return address;
}

codec::IpAddress ipv6(uint16_t first_group, uint16_t last_group) {
  codec::IpAddress address;
  address.family = codec::IpFamily::V6;
  address.bytes[0] = first_group >> 8;
  address.bytes[1] = first_group & 0xff;
  address.bytes[14] = last_group >> 8;
  address.bytes[15] = last_group & 0xff;
  return address;
}

ast::TcpFlags flags(const std::string& letters) {
  ast::TcpFlags result;
  for (char letter : letters) {
    switch (letter) {
      case 'F':
        result.fin = true;
        break;
      case 'S':
        result.syn = true;
        break;
      case 'R':
        result.rst = true;
        break;
      case 'P':
        result.psh = true;
        break;
      case '.':
        result.ack = true;
        break;
      case 'U':
        result.urg = true;
        break;
      case 'E':
        result.ece = true;
        break;
      case 'W':
        result.cwr = true;
        break;
      case 'A':
        result.ae = true;
        break;
      default:
        break;
    }
  }
  return result;
}

ast::Packet script_tcp(ast::Direction direction, const std::string& flag_letters, uint32_t start,
                       uint32_t length, std::optional<uint32_t> ack, std::optional<uint16_t> window,
                       std::vector<ast::TcpOption> options) {
  ast::TcpSegment tcp;
  tcp.flags = flags(flag_letters);
  tcp.start_sequence = start;
  tcp.end_sequence = start + length;
  tcp.payload_length = length;
  tcp.ack = ack;
  tcp.window = window;
  if (!options.empty()) tcp.options = ast::TcpOptionList{std::move(options)};
  ast::Packet packet;
  packet.direction = direction;
  packet.body = tcp;
  return packet;
}

namespace {

codec::WireFields wire_between(const Endpoint& from, const Endpoint& to, uint8_t protocol,
                               uint32_t transport_bytes) {
  codec::WireFields wire;
  wire.family = from.ip.family;
  wire.source = from.ip;
  wire.destination = to.ip;
  wire.source_port = from.port;
  wire.destination_port = to.port;
  const bool v4 = wire.family == codec::IpFamily::V4;
  wire.ip_header_length = v4 ? 20 : 40;
  wire.ip_total_length = static_cast<uint16_t>(wire.ip_header_length + transport_bytes);
  wire.ip_protocol = protocol;
  wire.ttl = 64;
  return wire;
}

}  // namespace

codec::DecodedPacket live_tcp(const Endpoint& from, const Endpoint& to,
                              const std::string& flag_letters, uint32_t seq, uint32_t length,
                              std::optional<uint32_t> ack, uint16_t window,
                              std::vector<ast::TcpOption> options) {
  uint32_t options_bytes = 0;
  for (const auto& option : options) options_bytes += tcp_option_size(option, 0);
  ast::TcpSegment tcp;
  tcp.ports = ast::PortPair{from.port, to.port};
  tcp.flags = flags(flag_letters);
  tcp.start_sequence = seq;
  tcp.end_sequence = seq + length;
  tcp.payload_length = length;
  tcp.ack = ack.value_or(0);
  tcp.window = window;
  tcp.urgent_pointer = 0;
  tcp.options = ast::TcpOptionList{std::move(options)};

  codec::DecodedPacket decoded;
  decoded.packet.direction = ast::Direction::Outbound;
  decoded.packet.body = tcp;
  decoded.wire = wire_between(from, to, 6, 20 + options_bytes + length);
  decoded.wire.tcp_data_offset = static_cast<uint8_t>(20 + options_bytes);
  return decoded;
}

codec::DecodedPacket live_udp(const Endpoint& from, const Endpoint& to, uint32_t length) {
  ast::UdpDatagram udp;
  udp.ports = ast::PortPair{from.port, to.port};
  udp.payload_length = length;
  codec::DecodedPacket decoded;
  decoded.packet.direction = ast::Direction::Outbound;
  decoded.packet.body = udp;
  decoded.wire = wire_between(from, to, 17, 8 + length);
  decoded.wire.udp_length = static_cast<uint16_t>(8 + length);
  return decoded;
}

namespace {

std::string optional_text(const std::optional<uint32_t>& value) {
  return value ? std::to_string(*value) : "*";
}

std::string option_text(const ast::TcpOption& option) {
  if (const auto* mss = std::get_if<ast::tcp_option::Mss>(&option))
    return "mss " + optional_text(mss->value);
  if (const auto* scale = std::get_if<ast::tcp_option::WindowScale>(&option)) {
    return "wscale " + optional_text(scale->shift);
  }
  if (const auto* ts = std::get_if<ast::tcp_option::Timestamp>(&option)) {
    return "TS val " + optional_text(ts->value) + " ecr " + optional_text(ts->echo_reply);
  }
  return "kind " + std::to_string(tcp_option_image(option).kind);
}

}  // namespace

std::string stub_format(const ast::Packet& packet) {
  const auto* tcp = std::get_if<ast::TcpSegment>(&packet.body);
  if (tcp == nullptr) return "other";
  std::string text = (tcp->flags.syn ? "S" : "") + std::string(tcp->flags.ack ? "." : "") + " " +
                     std::to_string(tcp->start_sequence) + ":" + std::to_string(tcp->end_sequence) +
                     "(" + std::to_string(tcp->payload_length) + ") ack " +
                     std::to_string(tcp->ack.value_or(0));
  if (const auto* list = std::get_if<ast::TcpOptionList>(&tcp->options);
      list && !list->options.empty()) {
    text += " <";
    for (size_t i = 0; i < list->options.size(); ++i)
      text += (i ? "," : "") + option_text(list->options[i]);
    text += ">";
  }
  return text;
}

ConnectionState passive_connection(uint32_t remote_isn) {
  return ConnectionState::passive_child(
      script_tcp(ast::Direction::Inbound, "S", remote_isn, 0, std::nullopt, 32792), kLocalIp,
      kLocal.port, kRemoteIp, kRemote.port);
}

ConnectionState established_connection(uint32_t remote_isn) {
  auto state = passive_connection(remote_isn);
  state.script_local_isn = 0;
  state.live_local_isn = kLiveIsn;
  state.state = SocketState::PassiveSynAckAcked;
  return state;
}

const ast::TcpSegment& tcp_of(const codec::DecodedPacket& packet) {
  return std::get<ast::TcpSegment>(packet.packet.body);
}

const ast::TcpSegment& tcp_of(const LivePacket& packet) {
  return std::get<ast::TcpSegment>(packet.packet.body);
}

}  // namespace tcpdrill::runtime::packet::test
