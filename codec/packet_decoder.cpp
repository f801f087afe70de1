#include <string>

#include "codec/checksum.h"
#include "codec/icmp_codec.h"
#include "codec/ip_header_codec.h"
#include "codec/outer_header_codec.h"
#include "codec/packet_codec.h"
#include "codec/tcp_segment_codec.h"
#include "codec/udp_datagram_codec.h"

namespace tcpdrill::codec {
namespace {

WireFields ip_wire_fields(const ParsedIpHeader& ip) {
  WireFields wire;
  wire.family = ip.fields.source.family;
  wire.source = ip.fields.source;
  wire.destination = ip.fields.destination;
  wire.ip_header_length = ip.header_bytes;
  wire.ip_total_length = ip.total_bytes;
  wire.ip_protocol = ip.fields.protocol;
  wire.tos = ip.fields.tos;
  wire.ttl = ip.fields.ttl;
  wire.flow_label = ip.fields.flow_label;
  wire.ipv4_id = ip.ipv4_id;
  wire.ipv4_checksum_ok = ip.ipv4_checksum_ok;
  return wire;
}

bool pseudo_header_checksum_ok(const ParsedIpHeader& ip, std::span<const uint8_t> segment) {
  return transport_checksum(ip.fields.source, ip.fields.destination, ip.fields.protocol,
                            segment) == 0;
}

ast::TcpSegment decode_tcp(const ParsedIpHeader& ip, WireFields& wire) {
  DecodedTcpSegment decoded = decode_tcp_segment(ip.payload);
  wire.source_port = decoded.segment.ports->source;
  wire.destination_port = decoded.segment.ports->destination;
  wire.tcp_data_offset = decoded.data_offset_bytes;
  wire.tcp_reserved_bits = decoded.reserved_bits;
  wire.transport_checksum_ok = pseudo_header_checksum_ok(ip, ip.payload);
  return std::move(decoded.segment);
}

ast::UdpDatagram decode_udp(const ParsedIpHeader& ip, WireFields& wire) {
  DecodedUdpDatagram decoded = decode_udp_datagram(ip.payload);
  wire.source_port = decoded.datagram.ports->source;
  wire.destination_port = decoded.datagram.ports->destination;
  wire.udp_length = decoded.length;
  const bool checksum_absent = wire.family == IpFamily::V4 && ip.payload[kUdpChecksumOffset] == 0 &&
                               ip.payload[kUdpChecksumOffset + 1] == 0;
  // The checksum covers what the UDP length covers, not padding after it.
  wire.transport_checksum_ok =
      checksum_absent || pseudo_header_checksum_ok(ip, ip.payload.first(decoded.length));
  return std::move(decoded.datagram);
}

ast::IcmpMessage decode_icmp(const ParsedIpHeader& ip, WireFields& wire) {
  DecodedIcmpMessage decoded = decode_icmp_message(wire.family, ip.payload);
  wire.icmp_type = decoded.type;
  wire.icmp_code = decoded.code;
  wire.transport_checksum_ok = wire.family == IpFamily::V4
                                   ? internet_checksum(ip.payload) == 0
                                   : pseudo_header_checksum_ok(ip, ip.payload);
  return std::move(decoded.message);
}

}  // namespace

DecodedPacket decode_packet(std::span<const uint8_t> bytes, ast::Direction direction) {
  UnwrappedPacket unwrapped = unwrap_outer_headers(bytes);
  const ParsedIpHeader& ip = unwrapped.inner;
  DecodedPacket decoded;
  decoded.packet.direction = direction;
  decoded.packet.outer_headers = std::move(unwrapped.outer_headers);
  decoded.packet.ip = ip_info_of(ip.fields);
  decoded.wire = ip_wire_fields(ip);

  const bool v4 = decoded.wire.family == IpFamily::V4;
  const uint8_t protocol = ip.fields.protocol;
  if (protocol == ip_protocol::kTcp) {
    decoded.packet.body = decode_tcp(ip, decoded.wire);
  } else if (protocol == ip_protocol::kUdp) {
    decoded.packet.body = decode_udp(ip, decoded.wire);
  } else if ((v4 && protocol == ip_protocol::kIcmp) || (!v4 && protocol == ip_protocol::kIcmpv6)) {
    decoded.packet.body = decode_icmp(ip, decoded.wire);
  } else {
    throw CodecError(std::string(v4 ? "IPv4" : "IPv6") + " protocol " + std::to_string(protocol) +
                     " is not TCP, UDP or " + (v4 ? "ICMP" : "ICMPv6"));
  }
  return decoded;
}

}  // namespace tcpdrill::codec
