#include "runtime/packet/connection_state.h"

#include <variant>

namespace tcpdrill::runtime::packet {

namespace {

const ast::PortPair* script_ports(const ast::Packet& packet) {
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&packet.body)) {
    return tcp->ports ? &*tcp->ports : nullptr;
  }
  if (const auto* udp = std::get_if<ast::UdpDatagram>(&packet.body)) {
    return udp->ports ? &*udp->ports : nullptr;
  }
  return nullptr;
}

}  // namespace

TcpHeaderSnapshot TcpHeaderSnapshot::of(const ast::TcpSegment& tcp) {
  return {tcp.start_sequence, tcp.ack.value_or(0), tcp.window.value_or(0), tcp.flags.syn,
          tcp.flags.fin,      tcp.flags.ack,       tcp.payload_length};
}

ConnectionState ConnectionState::passive_child(const ast::Packet& script_syn,
                                               const codec::IpAddress& local_ip, uint16_t bind_port,
                                               const codec::IpAddress& remote_ip,
                                               uint16_t ephemeral_port) {
  ConnectionState state;
  state.protocol = TransportProtocol::Tcp;
  state.state = SocketState::PassivePacketReceived;
  state.live_local = {local_ip, bind_port};
  state.live_remote = {remote_ip, ephemeral_port};
  if (const auto* ports = script_ports(script_syn)) {
    state.script_remote_port = ports->source;
    state.script_local_port = ports->destination;
  }
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&script_syn.body)) {
    state.remote_isn = tcp->start_sequence;
  }
  return state;
}

ConnectionState ConnectionState::connecting(TransportProtocol protocol,
                                            const codec::IpAddress& remote_ip,
                                            uint16_t connect_port) {
  ConnectionState state;
  state.protocol = protocol;
  state.state = SocketState::ActiveConnecting;
  state.live_local.ip.family = remote_ip.family;
  state.live_remote = {remote_ip, connect_port};
  return state;
}

void ConnectionState::bind_script_syn(const ast::Packet& script_syn) {
  state = SocketState::ActiveSynSent;
  if (const auto* ports = script_ports(script_syn)) {
    script_local_port = ports->source;
    script_remote_port = ports->destination;
  }
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&script_syn.body)) {
    script_local_isn = tcp->start_sequence;
  }
}

void ConnectionState::fill_anyip(const codec::IpAddress& local_ip, uint16_t bind_port,
                                 const codec::IpAddress& remote_ip, uint16_t connect_port) {
  live_local.ip = local_ip;
  live_remote.ip = remote_ip;
  if (live_remote.port == 0) live_remote.port = connect_port;
  if (live_local.port == 0) live_local.port = bind_port;
}

uint32_t ConnectionState::remote_script_to_live_offset(bool syn) const {
  return syn ? 0 : remote_isn.value_or(0);
}

uint32_t ConnectionState::local_script_to_live_offset(bool syn) const {
  const uint32_t live = live_local_isn.value_or(0);
  return syn ? live - script_local_isn.value_or(0) : live;
}

void subtract_offsets(ast::TcpSegment& tcp, uint32_t seq_offset, uint32_t ack_offset) {
  tcp.start_sequence -= seq_offset;
  tcp.end_sequence -= seq_offset;
  if (tcp.flags.ack && tcp.ack) *tcp.ack -= ack_offset;
  auto* list = std::get_if<ast::TcpOptionList>(&tcp.options);
  if (list == nullptr) return;
  for (auto& option : list->options) {
    if (auto* sack = std::get_if<ast::tcp_option::Sack>(&option)) {
      for (auto& block : sack->blocks) {
        block.left -= ack_offset;
        block.right -= ack_offset;
      }
    }
  }
}

}  // namespace tcpdrill::runtime::packet
