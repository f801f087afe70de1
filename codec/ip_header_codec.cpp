#include "codec/ip_header_codec.h"

#include <string>

#include "codec/byte_reader.h"
#include "codec/byte_writer.h"
#include "codec/checksum.h"

namespace tcpdrill::codec {
namespace {

constexpr uint8_t kEcnMask = 0x03;
constexpr uint32_t kMaxFlowLabel = 0xfffff;
constexpr uint16_t kIpv4MoreFragments = 0x2000;
constexpr uint16_t kIpv4FragmentOffsetMask = 0x1fff;
constexpr size_t kMaxIpLength = 0xffff;
constexpr uint8_t kIpv6HopByHop = 0, kIpv6Routing = 43, kIpv6Fragment = 44,
                  kIpv6DestinationOptions = 60;

void write_ipv4_header(const IpHeaderFields& fields, size_t payload_bytes, Bytes& out) {
  const size_t total = kIpv4HeaderBytes + payload_bytes;
  if (total > kMaxIpLength) {
    throw CodecError("IPv4 packet of " + std::to_string(total) + " bytes exceeds 65535");
  }
  const size_t start = out.size();
  ByteWriter write(out);
  write.u8(0x45);  // version 4, IHL 5
  write.u8(fields.tos);
  write.u16(static_cast<uint16_t>(total));
  write.u16(0);  // ID
  write.u16(0);  // flags, fragment offset
  write.u8(fields.ttl);
  write.u8(fields.protocol);
  write.u16(0);  // checksum, below
  write.bytes(std::span(fields.source.bytes).first(4));
  write.bytes(std::span(fields.destination.bytes).first(4));
  store_u16(out, start + 10,
            internet_checksum(std::span(out).subspan(start, kIpv4HeaderBytes)));
}

void write_ipv6_header(const IpHeaderFields& fields, size_t payload_bytes, Bytes& out) {
  if (payload_bytes > kMaxIpLength) {
    throw CodecError("IPv6 payload of " + std::to_string(payload_bytes) +
                     " bytes exceeds 65535");
  }
  if (fields.flow_label > kMaxFlowLabel) {
    throw CodecError("flow label " + std::to_string(fields.flow_label) +
                     " does not fit in 20 bits");
  }
  ByteWriter write(out);
  write.u32(6u << 28 | uint32_t{fields.tos} << 20 | fields.flow_label);
  write.u16(static_cast<uint16_t>(payload_bytes));
  write.u8(fields.protocol);
  write.u8(fields.ttl);
  write.bytes(fields.source.bytes);
  write.bytes(fields.destination.bytes);
}

IpAddress read_address(ByteReader& read, IpFamily family) {
  IpAddress address;
  address.family = family;
  const auto bytes = read.bytes(family == IpFamily::V4 ? 4 : 16);
  std::copy(bytes.begin(), bytes.end(), address.bytes.begin());
  return address;
}

ParsedIpHeader read_ipv4_header(std::span<const uint8_t> bytes) {
  ByteReader read(bytes, "IPv4 header");
  ParsedIpHeader header;
  header.header_bytes = static_cast<uint8_t>((read.u8() & 0x0f) * 4);
  if (header.header_bytes < kIpv4HeaderBytes) {
    throw CodecError("IPv4 header length " + std::to_string(header.header_bytes) +
                     " is below the minimum of 20 bytes");
  }
  if (header.header_bytes > bytes.size()) {
    throw CodecError("IPv4 header of " + std::to_string(header.header_bytes) +
                     " bytes runs past the end of the " + std::to_string(bytes.size()) +
                     "-byte packet");
  }
  header.fields.tos = read.u8();
  header.total_bytes = read.u16();
  if (header.total_bytes < header.header_bytes || header.total_bytes > bytes.size()) {
    throw CodecError("IPv4 total length " + std::to_string(header.total_bytes) +
                     " does not fit between the header (" +
                     std::to_string(header.header_bytes) + " bytes) and the packet (" +
                     std::to_string(bytes.size()) + " bytes)");
  }
  header.ipv4_id = read.u16();
  const uint16_t fragment = read.u16();
  if (fragment & (kIpv4MoreFragments | kIpv4FragmentOffsetMask)) {
    throw CodecError("IPv4 fragments are not supported");
  }
  header.fields.ttl = read.u8();
  header.fields.protocol = read.u8();
  read.skip(2);  // checksum, verified over the whole header below
  header.fields.source = read_address(read, IpFamily::V4);
  header.fields.destination = read_address(read, IpFamily::V4);
  header.ipv4_checksum_ok = internet_checksum(bytes.first(header.header_bytes)) == 0;
  header.payload = bytes.subspan(header.header_bytes, header.total_bytes - header.header_bytes);
  return header;
}

// Hop-by-hop, routing and destination options headers (RFC 8200 section 4) sit between
// the IPv6 header and the transport; the kernel's MLD reports carry one. Leaves
// `protocol` at the header after them.
void skip_ipv6_extension_headers(ByteReader& read, uint8_t& protocol) {
  while (protocol == kIpv6HopByHop || protocol == kIpv6Routing ||
         protocol == kIpv6DestinationOptions || protocol == kIpv6Fragment) {
    if (protocol == kIpv6Fragment) throw CodecError("IPv6 fragments are not supported");
    protocol = read.u8();
    const size_t length = (read.u8() + 1u) * 8;
    read.skip(length - 2);
  }
}

ParsedIpHeader read_ipv6_header(std::span<const uint8_t> bytes) {
  ByteReader read(bytes, "IPv6 header");
  ParsedIpHeader header;
  const uint32_t first_word = read.u32();
  header.fields.tos = static_cast<uint8_t>(first_word >> 20);
  header.fields.flow_label = first_word & kMaxFlowLabel;
  const uint16_t payload_bytes = read.u16();
  header.fields.protocol = read.u8();
  header.fields.ttl = read.u8();
  header.fields.source = read_address(read, IpFamily::V6);
  header.fields.destination = read_address(read, IpFamily::V6);
  if (payload_bytes > read.remaining()) {
    throw CodecError("IPv6 payload length " + std::to_string(payload_bytes) + " exceeds the " +
                     std::to_string(read.remaining()) + " bytes after the header");
  }
  header.total_bytes = static_cast<uint16_t>(kIpv6HeaderBytes + payload_bytes);
  ByteReader payload(read.bytes(payload_bytes), "IPv6 extension header");
  skip_ipv6_extension_headers(payload, header.fields.protocol);
  header.header_bytes = kIpv6HeaderBytes;
  header.payload = payload.rest();
  return header;
}

}  // namespace

size_t ip_header_bytes(IpFamily family) {
  return family == IpFamily::V4 ? kIpv4HeaderBytes : kIpv6HeaderBytes;
}

void apply_ip_info(const ast::IpInfo& info, IpHeaderFields& fields) {
  if (info.tos) {
    switch (info.tos->kind) {
      case ast::TosSpec::Kind::Ecn:
        fields.tos = static_cast<uint8_t>((fields.tos & ~kEcnMask) | (info.tos->value & kEcnMask));
        break;
      case ast::TosSpec::Kind::Byte:
        fields.tos = info.tos->value;
        break;
      case ast::TosSpec::Kind::EitherEct:
        throw CodecError("cannot build a packet with [ect01]: it matches ECT(0) or ECT(1)");
    }
  }
  if (info.ttl) fields.ttl = *info.ttl;
  if (info.flow_label && fields.source.family == IpFamily::V6) {
    fields.flow_label = *info.flow_label;
  }
}

ast::IpInfo ip_info_of(const IpHeaderFields& fields) {
  ast::IpInfo info;
  if (fields.tos != 0) {
    const bool only_ecn = (fields.tos & ~kEcnMask) == 0;
    info.tos = ast::TosSpec{only_ecn ? ast::TosSpec::Kind::Ecn : ast::TosSpec::Kind::Byte,
                            fields.tos};
  }
  if (fields.ttl != kDefaultTtl) info.ttl = fields.ttl;
  if (fields.flow_label != 0) info.flow_label = fields.flow_label;
  return info;
}

void write_ip_header(const IpHeaderFields& fields, size_t payload_bytes, Bytes& out) {
  if (fields.source.family != fields.destination.family) {
    throw CodecError("IP source " + fields.source.to_string() + " and destination " +
                     fields.destination.to_string() + " are of different families");
  }
  if (fields.source.family == IpFamily::V4) {
    write_ipv4_header(fields, payload_bytes, out);
  } else {
    write_ipv6_header(fields, payload_bytes, out);
  }
}

ParsedIpHeader read_ip_header(std::span<const uint8_t> bytes) {
  if (bytes.empty()) throw CodecError("empty IP packet");
  const int version = bytes[0] >> 4;
  if (version == 4) return read_ipv4_header(bytes);
  if (version == 6) return read_ipv6_header(bytes);
  throw CodecError("IP version " + std::to_string(version) + " is neither 4 nor 6");
}

}  // namespace tcpdrill::codec
