#include "runtime/packet/socket_matching.h"

#include <variant>

#include "codec/ip_header_codec.h"
#include "runtime/packet/packet_error.h"

namespace tcpdrill::runtime::packet {

namespace {

bool fits_protocol(const ast::Packet& script, TransportProtocol protocol) {
  const bool icmp = std::holds_alternative<ast::IcmpMessage>(script.body);
  switch (protocol) {
    case TransportProtocol::Tcp:
      return icmp || std::holds_alternative<ast::TcpSegment>(script.body);
    case TransportProtocol::Udp:
      return icmp || std::holds_alternative<ast::UdpDatagram>(script.body);
    case TransportProtocol::Icmpv4:
    case TransportProtocol::Icmpv6:
      return icmp;
  }
  return false;
}

bool has_script_ports(const ast::Packet& script) {
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&script.body)) return tcp->ports.has_value();
  if (const auto* udp = std::get_if<ast::UdpDatagram>(&script.body)) return udp->ports.has_value();
  return false;
}

bool is_icmp_of(const ConnectionState& state, const codec::DecodedPacket& live) {
  return (state.protocol == TransportProtocol::Icmpv4 &&
          live.wire.ip_protocol == codec::ip_protocol::kIcmp) ||
         (state.protocol == TransportProtocol::Icmpv6 &&
          live.wire.ip_protocol == codec::ip_protocol::kIcmpv6);
}

// The first packet of a connecting socket: a UDP datagram or ICMP message while
// connecting, a TCP SYN once the script's SYN was routed to it.
bool opens_connection(const ConnectionState& state, const codec::DecodedPacket& live) {
  const auto& body = live.packet.body;
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&body)) {
    return state.protocol == TransportProtocol::Tcp && state.state == SocketState::ActiveSynSent &&
           tcp->flags.syn && !tcp->flags.ack;
  }
  if (state.state != SocketState::ActiveConnecting) return false;
  if (std::holds_alternative<ast::UdpDatagram>(body))
    return state.protocol == TransportProtocol::Udp;
  return is_icmp_of(state, live);
}

}  // namespace

ScriptPacketRoute route_script_packet(const ast::Packet& script,
                                      const ConnectionState* under_test) {
  if (std::holds_alternative<ast::RawPacket>(script.body)) return ScriptPacketRoute::NoSocketNeeded;
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&script.body)) {
    if (script.direction == ast::Direction::Inbound &&
        (under_test == nullptr || under_test->state == SocketState::PassiveListening)) {
      return ScriptPacketRoute::NewPassiveChild;
    }
    if (script.direction == ast::Direction::Outbound && tcp->flags.syn && !tcp->flags.ack &&
        under_test != nullptr && under_test->state == SocketState::ActiveConnecting) {
      return ScriptPacketRoute::ConnectingSocket;
    }
  }
  if (under_test != nullptr &&
      (fits_protocol(script, under_test->protocol) || has_script_ports(script))) {
    return ScriptPacketRoute::SocketUnderTest;
  }
  throw PacketError("no matching socket for script packet");
}

bool claim_sniffed_packet(ConnectionState& state, const codec::DecodedPacket& live) {
  const auto& wire = live.wire;
  const bool same_ips =
      wire.source == state.live_local.ip && wire.destination == state.live_remote.ip;
  if (same_ips) {
    if (is_icmp_of(state, live)) return true;
    if (wire.source_port == state.live_local.port &&
        wire.destination_port == state.live_remote.port && state.live_local.port != 0) {
      return true;
    }
  }
  if (!opens_connection(state, live) || wire.destination != state.live_remote.ip) return false;
  const bool icmp = is_icmp_of(state, live);
  if (!icmp && wire.destination_port != state.live_remote.port) return false;
  state.live_local = {wire.source, wire.source_port};
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&live.packet.body)) {
    state.live_local_isn = tcp->start_sequence;
  }
  return true;
}

}  // namespace tcpdrill::runtime::packet
