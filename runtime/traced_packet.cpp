#include "runtime/traced_packet.h"

#include <variant>

namespace tcpdrill::runtime {
namespace {

using ast::Direction;

// The connection the live packet belongs to, matched on its kernel-side endpoint and
// the peer's.
const packet::ConnectionState* owner(const codec::DecodedPacket& live, Direction direction,
                                     const std::vector<const packet::ConnectionState*>& connections) {
  const codec::WireFields& wire = live.wire;
  const bool outbound = direction == Direction::Outbound;
  const packet::Endpoint local{outbound ? wire.source : wire.destination,
                               outbound ? wire.source_port : wire.destination_port};
  const packet::Endpoint remote{outbound ? wire.destination : wire.source,
                                outbound ? wire.destination_port : wire.source_port};
  for (const packet::ConnectionState* connection : connections)
    if (connection->live_local == local && connection->live_remote == remote) return connection;
  return nullptr;
}

}  // namespace

trace::TracedPacket traced_packet(std::span<const uint8_t> bytes, Direction direction,
                                  const std::vector<const packet::ConnectionState*>& connections) {
  trace::TracedPacket traced;
  traced.inbound = direction == Direction::Inbound;
  codec::DecodedPacket live;
  try {
    live = codec::decode_packet(bytes, direction);
  } catch (const codec::CodecError& error) {
    traced.text = std::string("undecodable: ") + error.what();
    return traced;
  }
  live.packet.ip.ttl.reset();
  auto* tcp = std::get_if<ast::TcpSegment>(&live.packet.body);
  if (tcp != nullptr) {
    tcp->ports.reset();
    if (const packet::ConnectionState* connection = owner(live, direction, connections)) {
      const bool syn = tcp->flags.syn;
      const uint32_t local = connection->local_script_to_live_offset(syn);
      const uint32_t remote = connection->remote_script_to_live_offset(syn);
      // The kernel numbers its own bytes in the local space and acknowledges the peer's
      // in the remote one; tcpdrill's packets the other way round.
      packet::subtract_offsets(*tcp, traced.inbound ? remote : local, traced.inbound ? local : remote);
    }
    traced.tcp = true;
    traced.seq = tcp->start_sequence;
    traced.end_seq = tcp->end_sequence;
    if (tcp->flags.ack) traced.ack = tcp->ack.value_or(0);
    if (const auto* list = std::get_if<ast::TcpOptionList>(&tcp->options)) {
      for (const auto& option : list->options)
        if (const auto* sack = std::get_if<ast::tcp_option::Sack>(&option))
          for (const auto& block : sack->blocks) traced.sack.push_back({block.left, block.right});
    }
  } else if (auto* udp = std::get_if<ast::UdpDatagram>(&live.packet.body)) {
    udp->ports.reset();
  }
  traced.text = codec::format_packet(live.packet);
  return traced;
}

}  // namespace tcpdrill::runtime
