#include "runtime/packet/inbound_packet_mapper.h"

#include <string>
#include <variant>

#include "runtime/packet/packet_error.h"

namespace tcpdrill::runtime::packet {

namespace {

void advance_handshake(const ast::TcpSegment& tcp, ConnectionState& state) {
  if (state.state == SocketState::PassiveSynAckSent && tcp.flags.ack) {
    state.state = SocketState::PassiveSynAckAcked;
  } else if (state.state == SocketState::ActiveSynSent && tcp.flags.syn && tcp.flags.ack) {
    state.state = SocketState::ActiveSynAcked;
    state.remote_isn = tcp.start_sequence;
  }
}

uint32_t live_ts_ecr(uint32_t script_ecr, const ConnectionState& state, bool ecr_scaled) {
  if (auto live = state.timestamps.live_for_script(script_ecr)) return *live;
  if (ecr_scaled) {
    if (auto live = state.timestamps.script_to_live(script_ecr)) return *live;
  }
  throw PacketError("unable to infer live TS ecr for script TS ecr " + std::to_string(script_ecr) +
                    "; no matching or preceding outbound TS val");
}

void map_tcp(ast::TcpSegment& tcp, ConnectionState& state, bool ecr_scaled) {
  const bool syn = tcp.flags.syn;
  const uint32_t seq_offset = state.remote_script_to_live_offset(syn);
  const uint32_t ack_offset = state.local_script_to_live_offset(syn);
  tcp.start_sequence += seq_offset;
  tcp.end_sequence += seq_offset;
  if (tcp.flags.ack && tcp.ack) *tcp.ack += ack_offset;

  auto* options = std::get_if<ast::TcpOptionList>(&tcp.options);
  if (options == nullptr) return;
  for (auto& option : options->options) {
    if (auto* sack = std::get_if<ast::tcp_option::Sack>(&option)) {
      for (auto& block : sack->blocks) {
        block.left += ack_offset;
        block.right += ack_offset;
      }
    } else if (auto* ts = std::get_if<ast::tcp_option::Timestamp>(&option)) {
      if (tcp.flags.ack && ts->echo_reply)
        ts->echo_reply = live_ts_ecr(*ts->echo_reply, state, ecr_scaled);
    }
  }
}

}  // namespace

InboundPacketMapper::InboundPacketMapper(const RunConfig& config)
    : ts_ecr_scaled_(config.tcp_ts_ecr_scaled) {}

LivePacket InboundPacketMapper::map(const ast::Packet& script, ConnectionState& state) const {
  LivePacket live{script, state.inbound_endpoints()};
  if (std::holds_alternative<ast::RawPacket>(script.body)) return live;

  if (auto* tcp = std::get_if<ast::TcpSegment>(&live.packet.body)) {
    advance_handshake(*tcp, state);
    map_tcp(*tcp, state, ts_ecr_scaled_);
    state.last_injected = TcpHeaderSnapshot::of(*tcp);
  } else if (auto* icmp = std::get_if<ast::IcmpMessage>(&live.packet.body)) {
    // The kernel drops ICMP errors quoting a sequence number outside its window. The
    // default quote is a TCP header with script seq 0, so it moves too.
    if (std::holds_alternative<ast::icmp_echoed::DefaultTcp>(icmp->echoed)) {
      icmp->echoed = ast::icmp_echoed::Tcp{};
    }
    if (auto* quoted = std::get_if<ast::icmp_echoed::Tcp>(&icmp->echoed)) {
      const uint32_t offset = state.local_script_to_live_offset(false);
      quoted->start_sequence += offset;
      quoted->end_sequence += offset;
    }
  }
  return live;
}

}  // namespace tcpdrill::runtime::packet
