#include "codec/icmp_codec.h"

#include <string>

#include "codec/byte_reader.h"
#include "codec/byte_writer.h"
#include "codec/icmp_names.h"
#include "codec/ip_header_codec.h"
#include "codec/tcp_segment_codec.h"
#include "codec/udp_datagram_codec.h"

namespace tcpdrill::codec {
namespace {

namespace echoed = ast::icmp_echoed;
using EchoedPacket = decltype(ast::IcmpMessage::echoed);

// The quote carries this much of the transport header: enough for ports and the TCP
// sequence number, which is what the kernel needs to find the socket (RFC 792).
constexpr size_t kQuotedTransportBytes = 8;

constexpr IcmpTypeCode kIpv4FragmentationNeeded{3, 4};
constexpr IcmpTypeCode kIpv6PacketTooBig{2, 0};

bool is_echo(IpFamily family, uint8_t type) {
  return family == IpFamily::V4 ? (type == 0 || type == 8) : (type == 128 || type == 129);
}

void write_rest_of_header(const ast::IcmpMessage& message, IpFamily family,
                          IcmpTypeCode numbers, ByteWriter& write) {
  const uint16_t echo_id = message.echo_id.value_or(0);
  if (!message.mtu) {
    write.u16(echo_id);
    write.u16(0);
    return;
  }
  if (family == IpFamily::V4) {
    if (numbers != kIpv4FragmentationNeeded) {
      throw CodecError("ICMPv4 mtu is only valid for unreachable frag_needed");
    }
    if (*message.mtu > 0xffff) {
      throw CodecError("ICMPv4 mtu " + std::to_string(*message.mtu) + " does not fit 16 bits");
    }
    write.u16(echo_id);
    write.u16(static_cast<uint16_t>(*message.mtu));
    return;
  }
  if (numbers != kIpv6PacketTooBig) {
    throw CodecError("ICMPv6 mtu is only valid for packet_too_big");
  }
  if (message.echo_id) throw CodecError("ICMPv6 packet_too_big has no room for an id");
  write.u32(*message.mtu);
}

struct QuoteWriter {
  const Endpoints& endpoints;
  Bytes& out;

  void operator()(const echoed::DefaultTcp&) const { (*this)(echoed::Tcp{}); }
  void operator()(const echoed::Tcp& tcp) const {
    write_ip_header(quoted_header(ip_protocol::kTcp), kTcpHeaderBytes + tcp.payload_length, out);
    ByteWriter write(out);
    write_ports(write);
    write.u32(tcp.start_sequence);
  }
  void operator()(const echoed::Udp& udp) const {
    const size_t udp_bytes = kUdpHeaderBytes + udp.payload_length;
    write_ip_header(quoted_header(ip_protocol::kUdp), udp_bytes, out);
    ByteWriter write(out);
    write_ports(write);
    write.u16(static_cast<uint16_t>(udp_bytes));
    write.u16(0);  // checksum: the kernel does not verify quotes
  }
  void operator()(const echoed::Raw& raw) const {
    if (raw.length < kIcmpHeaderBytes) {
      throw CodecError("[raw (" + std::to_string(raw.length) +
                       ")] is shorter than the 8-byte ICMP header");
    }
    ByteWriter(out).zeros(raw.length - kIcmpHeaderBytes);
  }

  IpHeaderFields quoted_header(uint8_t protocol) const {
    IpHeaderFields fields;
    fields.source = endpoints.destination;
    fields.destination = endpoints.source;
    fields.protocol = protocol;
    return fields;
  }
  void write_ports(ByteWriter& write) const {
    write.u16(endpoints.destination_port);
    write.u16(endpoints.source_port);
  }
};

// The quote in an ICMP body, as far as the body shows it; Raw when it is not one.
EchoedPacket read_quote(IpFamily family, std::span<const uint8_t> body, size_t message_bytes) {
  const echoed::Raw raw{static_cast<uint32_t>(message_bytes)};
  const int version = family == IpFamily::V4 ? 4 : 6;
  if (body.size() < ip_header_bytes(family) + kQuotedTransportBytes || body[0] >> 4 != version) {
    return raw;
  }

  ByteReader read(body, "ICMP quote");
  size_t ip_bytes = 0, claimed_transport_bytes = 0;
  uint8_t protocol = 0;
  if (family == IpFamily::V4) {
    ip_bytes = (read.u8() & 0x0f) * 4u;
    read.skip(1);
    const uint16_t total = read.u16();
    read.skip(5);
    protocol = read.u8();
    if (ip_bytes < kIpv4HeaderBytes || total < ip_bytes) return raw;
    claimed_transport_bytes = total - ip_bytes;
  } else {
    ip_bytes = kIpv6HeaderBytes;
    read.skip(4);
    claimed_transport_bytes = read.u16();
    protocol = read.u8();
  }
  if (body.size() < ip_bytes + kQuotedTransportBytes) return raw;
  const auto transport = body.subspan(ip_bytes);

  if (protocol == ip_protocol::kUdp && claimed_transport_bytes >= kUdpHeaderBytes) {
    return echoed::Udp{static_cast<uint32_t>(claimed_transport_bytes - kUdpHeaderBytes)};
  }
  if (protocol != ip_protocol::kTcp) return raw;
  ByteReader read_tcp(transport, "quoted TCP header");
  read_tcp.skip(4);
  const uint32_t sequence = read_tcp.u32();
  // The data offset is quoted only when more than the minimal 8 bytes are.
  const size_t tcp_header_bytes =
      transport.size() > 12 ? (transport[12] >> 4) * 4u : kTcpHeaderBytes;
  if (claimed_transport_bytes < tcp_header_bytes) return raw;
  const auto payload = static_cast<uint32_t>(claimed_transport_bytes - tcp_header_bytes);
  if (sequence == 0 && payload == 0) return echoed::DefaultTcp{};
  return echoed::Tcp{sequence, sequence + payload, payload};
}

}  // namespace

Bytes encode_icmp_message(const ast::IcmpMessage& message, const Endpoints& endpoints) {
  const IpFamily family = endpoints.source.family;
  const IcmpTypeCode numbers = resolve_icmp_names(family, message.type_name, message.code_name);
  Bytes out;
  ByteWriter write(out);
  write.u8(numbers.type);
  write.u8(numbers.code);
  write.u16(0);  // checksum
  write_rest_of_header(message, family, numbers, write);
  std::visit(QuoteWriter{endpoints, out}, message.echoed);
  return out;
}

DecodedIcmpMessage decode_icmp_message(IpFamily family, std::span<const uint8_t> bytes) {
  ByteReader read(bytes, family == IpFamily::V4 ? "ICMPv4 header" : "ICMPv6 header");
  DecodedIcmpMessage decoded;
  decoded.type = read.u8();
  decoded.code = read.u8();
  read.skip(2);  // checksum, verified by the caller
  const uint32_t rest_of_header = read.u32();

  ast::IcmpMessage& message = decoded.message;
  message.type_name = icmp_type_name(family, decoded.type);
  message.code_name = icmp_code_name(family, decoded.type, decoded.code);
  const IcmpTypeCode numbers{decoded.type, decoded.code};
  const uint32_t mtu = family == IpFamily::V4 ? rest_of_header & 0xffff : rest_of_header;
  if ((numbers == kIpv4FragmentationNeeded && family == IpFamily::V4) ||
      (numbers == kIpv6PacketTooBig && family == IpFamily::V6)) {
    if (mtu != 0) message.mtu = mtu;
  }
  const auto echo_id = static_cast<uint16_t>(rest_of_header >> 16);
  if (is_echo(family, decoded.type) && echo_id != 0) message.echo_id = echo_id;
  message.echoed = read_quote(family, read.rest(), bytes.size());
  return decoded;
}

}  // namespace tcpdrill::codec
