#include "codec/byte_writer.h"
#include "codec/checksum.h"
#include "codec/icmp_codec.h"
#include "codec/ip_header_codec.h"
#include "codec/outer_header_codec.h"
#include "codec/packet_codec.h"
#include "codec/tcp_segment_codec.h"
#include "codec/udp_datagram_codec.h"

namespace tcpdrill::codec {
namespace {

ast::PortPair ports_of(const std::optional<ast::PortPair>& script_ports,
                       const Endpoints& endpoints) {
  if (script_ports) return *script_ports;
  return {endpoints.source_port, endpoints.destination_port};
}

// Builds the transport bytes with their checksum and sets the IP protocol.
class TransportEncoder {
 public:
  TransportEncoder(const Endpoints& endpoints, IpHeaderFields& ip) : endpoints_(endpoints), ip_(ip) {}

  Bytes operator()(const ast::TcpSegment& segment) {
    ip_.protocol = ip_protocol::kTcp;
    Bytes bytes = encode_tcp_segment(segment, ports_of(segment.ports, endpoints_));
    store_u16(bytes, kTcpChecksumOffset, pseudo_header_checksum(bytes));
    return bytes;
  }
  Bytes operator()(const ast::UdpDatagram& datagram) {
    ip_.protocol = ip_protocol::kUdp;
    Bytes bytes = encode_udp_datagram(datagram, ports_of(datagram.ports, endpoints_));
    const uint16_t checksum = pseudo_header_checksum(bytes);
    // RFC 768: a computed 0 is sent as all ones, because 0 means "no checksum".
    store_u16(bytes, kUdpChecksumOffset, checksum == 0 ? 0xffff : checksum);
    return bytes;
  }
  Bytes operator()(const ast::IcmpMessage& message) {
    Bytes bytes = encode_icmp_message(message, endpoints_);
    if (ip_.source.family == IpFamily::V4) {
      ip_.protocol = ip_protocol::kIcmp;
      store_u16(bytes, kIcmpChecksumOffset, internet_checksum(bytes));
    } else {
      ip_.protocol = ip_protocol::kIcmpv6;
      store_u16(bytes, kIcmpChecksumOffset, pseudo_header_checksum(bytes));
    }
    return bytes;
  }
  // std::visit needs every alternative; encode_packet returns raw packets before.
  Bytes operator()(const ast::RawPacket&) {
    throw CodecError("a raw packet has no transport header to build");
  }

 private:
  uint16_t pseudo_header_checksum(const Bytes& bytes) const {
    return transport_checksum(ip_.source, ip_.destination, ip_.protocol, bytes);
  }

  const Endpoints& endpoints_;
  IpHeaderFields& ip_;
};

}  // namespace

Bytes encode_packet(const ast::Packet& packet, const Endpoints& endpoints) {
  if (const auto* raw = std::get_if<ast::RawPacket>(&packet.body)) return raw->bytes;

  IpHeaderFields ip;
  ip.source = endpoints.source;
  ip.destination = endpoints.destination;
  apply_ip_info(packet.ip, ip);
  const Bytes transport = std::visit(TransportEncoder(endpoints, ip), packet.body);

  Bytes inner;
  inner.reserve(ip_header_bytes(ip.source.family) + transport.size());
  write_ip_header(ip, transport.size(), inner);
  ByteWriter(inner).bytes(transport);
  if (packet.outer_headers.empty()) return inner;
  return wrap_in_outer_headers(packet.outer_headers, ip.source.family, std::move(inner));
}

}  // namespace tcpdrill::codec
