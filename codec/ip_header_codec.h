#pragma once

#include <cstdint>
#include <span>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

namespace ip_protocol {
inline constexpr uint8_t kIcmp = 1;
inline constexpr uint8_t kIpv4InIp = 4;
inline constexpr uint8_t kTcp = 6;
inline constexpr uint8_t kUdp = 17;
inline constexpr uint8_t kIpv6InIp = 41;
inline constexpr uint8_t kGre = 47;
inline constexpr uint8_t kIcmpv6 = 58;
inline constexpr uint8_t kMplsInIp = 137;
}  // namespace ip_protocol

inline constexpr size_t kIpv4HeaderBytes = 20;  // without options, all we build
inline constexpr size_t kIpv6HeaderBytes = 40;
inline constexpr uint8_t kDefaultTtl = 255;     // what an injected packet carries unless told

size_t ip_header_bytes(IpFamily family);

// What varies between the IP headers the codec writes; the rest is fixed (IPv4 ID 0,
// no DF, no options).
struct IpHeaderFields {
  IpAddress source, destination;  // the family is source.family
  uint8_t protocol = 0;
  uint8_t tos = 0;  // TOS / traffic class byte
  uint8_t ttl = kDefaultTtl;
  uint32_t flow_label = 0;  // IPv6 only
};

// Applies a script's `(tos ..)`, `[ect0]`, `(flowlabel ..)`, `(ttl ..)` to a header
// to build; `ect01` only matches and cannot be built.
void apply_ip_info(const ast::IpInfo& info, IpHeaderFields& fields);

// The script notation of a header as read, with the defaults an injected packet gets
// (TOS 0, TTL 255, flow label 0) left out, so encode -> decode returns the same info.
// A TOS byte with only ECN bits set reads back as the ECN form.
ast::IpInfo ip_info_of(const IpHeaderFields& fields);

// Appends a 20-byte IPv4 header with its checksum, or a 40-byte IPv6 header, for a
// payload of `payload_bytes`.
void write_ip_header(const IpHeaderFields& fields, size_t payload_bytes, Bytes& out);

struct ParsedIpHeader {
  IpHeaderFields fields;  // IPv6: protocol is the header after any extension headers
  uint8_t header_bytes = 0;  // IPv4 IHL * 4, IPv6 40
  uint16_t total_bytes = 0;
  uint16_t ipv4_id = 0;
  bool ipv4_checksum_ok = true;
  std::span<const uint8_t> payload;  // what the length field covers, after extension headers
};

// Parses the IPv4 or IPv6 header at the start of `bytes`, skipping IPv6 hop-by-hop,
// routing and destination options headers. Throws CodecError on a wrong version, a
// bad header length, a length field beyond the bytes, or a fragment.
ParsedIpHeader read_ip_header(std::span<const uint8_t> bytes);

}  // namespace tcpdrill::codec
