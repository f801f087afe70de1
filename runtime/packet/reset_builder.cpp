#include "runtime/packet/reset_builder.h"

namespace tcpdrill::runtime::packet {

std::optional<LivePacket> build_reset(const ConnectionState& state) {
  if (state.protocol != TransportProtocol::Tcp || !state.has_live_ports()) return std::nullopt;

  ast::TcpSegment rst;
  rst.flags.rst = true;
  rst.flags.ack = true;
  uint32_t seq = 0, ack = 0;
  uint16_t window = 0;
  if (state.last_injected && state.last_injected->ack_flag) {
    const auto& in = *state.last_injected;
    seq = in.seq + (in.syn ? 1 : 0) + (in.fin ? 1 : 0) + in.payload_length;
    ack = in.ack;
    window = in.window;
  } else if (state.last_sniffed && state.last_sniffed->ack_flag) {
    seq = state.last_sniffed->ack;
    ack = state.last_sniffed->seq;
  } else {
    ack = state.last_sniffed.value_or(TcpHeaderSnapshot{}).seq + 1;
  }
  rst.start_sequence = seq;
  rst.end_sequence = seq;
  rst.ack = ack;
  rst.window = window;
  rst.options = ast::TcpOptionList{};

  LivePacket live;
  live.packet.direction = ast::Direction::Inbound;
  live.packet.body = rst;
  live.endpoints = state.inbound_endpoints();
  return live;
}

}  // namespace tcpdrill::runtime::packet
