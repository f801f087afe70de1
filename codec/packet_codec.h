#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "parser/ast_packet.h"

namespace tcpdrill::codec {

using Bytes = std::vector<uint8_t>;

// Malformed bytes, or a script packet that cannot be encoded (ICMP name unknown for the
// family, options too long ...). Carries no location: the runtime attaches the event's.
class CodecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class IpFamily : uint8_t { V4, V6 };

struct IpAddress {
  IpFamily family = IpFamily::V4;
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4

  static IpAddress parse(const std::string& text);  // throws CodecError
  static IpAddress v4(const std::array<uint8_t, 4>& bytes);
  static IpAddress v6(const std::array<uint8_t, 16>& bytes);
  std::string to_string() const;
  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// The innermost IP header's addresses and the transport ports of a packet to build.
// Ports written in the script override these.
struct Endpoints {
  IpAddress source;
  IpAddress destination;
  uint16_t source_port = 0;
  uint16_t destination_port = 0;
};

// Header fields a script cannot write but an outbound check compares or prints.
struct WireFields {
  IpFamily family = IpFamily::V4;
  IpAddress source, destination;
  uint16_t source_port = 0, destination_port = 0;
  uint8_t ip_header_length = 0;     // bytes; IPv4 IHL*4, IPv6 40
  uint16_t ip_total_length = 0;     // IPv4 total length / IPv6 payload length + 40
  uint8_t ip_protocol = 0;          // innermost next header
  uint8_t tos = 0;                  // whole TOS / traffic class byte
  uint8_t ttl = 0;                  // TTL / hop limit
  uint32_t flow_label = 0;
  uint16_t ipv4_id = 0;
  bool ipv4_checksum_ok = true;
  bool transport_checksum_ok = true;
  uint8_t tcp_data_offset = 0;      // bytes
  uint8_t tcp_reserved_bits = 0;
  uint16_t udp_length = 0;
  uint8_t icmp_type = 0, icmp_code = 0;
};

// A packet read back from bytes: the script-notation view (every value concrete,
// TCP seq/ack absolute, payload bytes kept when non-zero) plus the wire fields.
struct DecodedPacket {
  ast::Packet packet;
  WireFields wire;
};

// Builds the bytes of a script packet: outer headers, the innermost IP header of
// `endpoints.source.family`, the transport header, options exactly as listed,
// payload, and every length and checksum. Injection defaults: IPv4 ID 0, no DF, TTL /
// hop limit 255, TOS 0, ack / urgent pointer 0, payload zeros. Script ports override
// `endpoints`; an ICMP error quotes the reversed endpoints (a packet the kernel sent).
// A GRE header with the C flag and a zero `sum` gets its checksum computed. Raw
// packets are returned as written. Throws CodecError on wildcards and on what does
// not fit the wire (see the tests for every message).
Bytes encode_packet(const ast::Packet& packet, const Endpoints& endpoints);

// Parses an IPv4 or IPv6 packet; direction is set to `direction`. The packet comes
// back in the form encode_packet's input would have to be for the same bytes: ports,
// flags, sequence numbers (as on the wire) and window always set; ack and urgent
// pointer when their flag is set or the field is non-zero; ip info only where it
// differs from the injection defaults (TOS as the ECN form when only ECN bits are
// set, TTL when not 255, flow label when non-zero); options typed, unknown or
// malformed ones as tcp_option::Generic; payload only when some byte is non-zero;
// ICMP type and code by name, mtu and echo id when non-zero, the quote as far as it
// is visible. Throws CodecError on malformed or unsupported bytes.
DecodedPacket decode_packet(std::span<const uint8_t> bytes, ast::Direction direction);

// packetdrill's short, tcpdump-like notation without direction or time, e.g.
//   S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>
// plus what packetdrill leaves out: ports `8080>9090`, ip info `[ect0]` `(tos 0x10)`
// `(ttl 64)`, ICMP type, code, mtu, id and quote, generic options `kind 30 len 4
// 0x1122`, `payload 0x...`, `raw 0x...`. Wildcards print as `*`. The text parses back
// to the same packet, except ttl together with tos or flow label, which the script
// grammar cannot express (printed as `[ect0, ttl 64]`).
std::string format_packet(const ast::Packet& packet);

}  // namespace tcpdrill::codec
