#pragma once

#include <cstdint>
#include <optional>

#include "codec/packet_codec.h"
#include "parser/ast_packet.h"
#include "runtime/packet/timestamp_map.h"

namespace tcpdrill::runtime::packet {

enum class TransportProtocol : uint8_t { Tcp, Udp, Icmpv4, Icmpv6 };

// packetdrill's socket life cycle (§4.1). A passive test starts New -> PassiveListening
// on listen(); the inbound SYN creates a child in PassivePacketReceived. An active test
// goes New -> ActiveConnecting on connect()/sendto().
enum class SocketState : uint8_t {
  New,
  PassiveListening,
  PassivePacketReceived,  // inbound SYN injected
  PassiveSynAckSent,      // outbound SYN-ACK matched
  PassiveSynAckAcked,     // inbound ACK injected
  ActiveConnecting,
  ActiveSynSent,   // outbound SYN sniffed
  ActiveSynAcked,  // inbound SYN-ACK injected
};

// One side of a connection: address and port.
struct Endpoint {
  codec::IpAddress ip;
  uint16_t port = 0;
  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

// What the end-of-test RST needs to know about a TCP header that went by (live values).
struct TcpHeaderSnapshot {
  uint32_t seq = 0;
  uint32_t ack = 0;
  uint16_t window = 0;
  bool syn = false, fin = false, ack_flag = false;
  uint32_t payload_length = 0;

  static TcpHeaderSnapshot of(const ast::TcpSegment& tcp);
  friend bool operator==(const TcpHeaderSnapshot&, const TcpHeaderSnapshot&) = default;
};

// The IPv6 flow label the script named last and the live label it stands for (§4.5).
struct FlowLabelBinding {
  uint32_t script_label = 0;
  uint32_t live_label = 0;
};

// The per-socket memory of the packet path: the socket under test's live and script
// tuples, ISNs, TS map, flow label binding and last headers. Sequence numbers of the
// remote side (tcpdrill) are the same in both spaces; the local (kernel) side differs
// by live_local_isn - script_local_isn.
struct ConnectionState {
  TransportProtocol protocol = TransportProtocol::Tcp;
  SocketState state = SocketState::New;

  Endpoint live_local, live_remote;
  // Ports written in the script's first packet (0 when not written).
  uint16_t script_local_port = 0, script_remote_port = 0;

  std::optional<uint32_t> remote_isn;  // script == live
  std::optional<uint32_t> script_local_isn;
  std::optional<uint32_t> live_local_isn;

  TimestampMap timestamps;
  std::optional<FlowLabelBinding> flow_label;
  std::optional<TcpHeaderSnapshot> last_injected;
  std::optional<TcpHeaderSnapshot> last_sniffed;

  // A listening socket's child for the first inbound TCP script packet (the SYN):
  // live local = local_ip:bind_port, live remote = remote_ip:ephemeral_port, remote
  // ISN = the packet's seq. State PassivePacketReceived.
  static ConnectionState passive_child(const ast::Packet& script_syn,
                                       const codec::IpAddress& local_ip, uint16_t bind_port,
                                       const codec::IpAddress& remote_ip, uint16_t ephemeral_port);

  // A socket that called connect() (or sendto()) towards remote_ip:connect_port. The
  // live local endpoint is learned from its first sniffed packet.
  static ConnectionState connecting(TransportProtocol protocol, const codec::IpAddress& remote_ip,
                                    uint16_t connect_port);

  // The script's outbound SYN for a connecting socket: script local ISN and ports,
  // state ActiveSynSent.
  void bind_script_syn(const ast::Packet& script_syn);

  // --is_anyip with inbound UDP/ICMP before anything was sent: fill what is unknown.
  void fill_anyip(const codec::IpAddress& local_ip, uint16_t bind_port,
                  const codec::IpAddress& remote_ip, uint16_t connect_port);

  // Offsets added to go from script to live space (§4.4). For SYN packets the remote
  // offset is 0 and the local one is live - script ISN; otherwise the ISNs themselves
  // (0 while unknown).
  uint32_t remote_script_to_live_offset(bool syn) const;
  uint32_t local_script_to_live_offset(bool syn) const;

  // The live tuple of a packet from tcpdrill to the kernel.
  codec::Endpoints inbound_endpoints() const {
    return {live_remote.ip, live_local.ip, live_remote.port, live_local.port};
  }

  // Live ports known: a connection the end-of-test RST can reach.
  bool has_live_ports() const { return live_local.port != 0 && live_remote.port != 0; }
};

// Takes a live TCP header back to script space: seq_offset off the sequence numbers,
// ack_offset off the ACK number (when the ACK flag is set) and the SACK blocks, which
// number the same bytes as the ACK.
void subtract_offsets(ast::TcpSegment& tcp, uint32_t seq_offset, uint32_t ack_offset);

}  // namespace tcpdrill::runtime::packet
