#pragma once

// Just enough IPv4/TCP/ICMP packet building and parsing for the netdev tests, which may
// not use the codec layer (netdev depends on nothing, and its tests follow suit).

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tcpdrill::netdev::test {

using Ipv4 = std::array<uint8_t, 4>;

Ipv4 ipv4(const std::string& text);
uint16_t internet_checksum(std::span<const uint8_t> bytes, uint32_t sum = 0);

enum TcpFlag : uint8_t { kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10 };

struct TcpSegment {
  Ipv4 source{};
  Ipv4 destination{};
  uint16_t source_port = 0;
  uint16_t destination_port = 0;
  uint32_t sequence = 0;
  uint32_t acknowledgment = 0;
  uint8_t flags = 0;
  uint16_t window = 65535;
  uint16_t mss_option = 0;  // 0: no options
  std::vector<uint8_t> payload;
};

// A whole IPv4 packet with both checksums right.
std::vector<uint8_t> build_tcp_packet(const TcpSegment& segment);
std::vector<uint8_t> build_icmp_echo_request(Ipv4 source, Ipv4 destination, uint16_t id, uint16_t sequence,
                                             std::span<const uint8_t> data);

using Ipv6 = std::array<uint8_t, 16>;
Ipv6 ipv6(const std::string& text);
// An IPv6 ICMPv6 echo request with its checksum right.
std::vector<uint8_t> build_icmpv6_echo_request(Ipv6 source, Ipv6 destination, uint16_t id, uint16_t sequence);
// The ICMPv6 type of an IPv6 packet whose next header is ICMPv6 with a valid checksum,
// or -1 for anything else.
int valid_icmpv6_type(std::span<const uint8_t> packet);

// Fields of an IPv4 packet, as far as the tests look at them.
struct ParsedPacket {
  uint8_t protocol = 0;
  Ipv4 source{};
  Ipv4 destination{};
  size_t ip_header_size = 0;
  TcpSegment tcp;          // when protocol is TCP (payload filled)
  uint8_t icmp_type = 255; // when protocol is ICMP
  bool checksums_valid = false;  // IPv4 header and TCP/ICMP
};
// Throws std::runtime_error when the bytes are not an IPv4 packet.
ParsedPacket parse_ipv4(std::span<const uint8_t> packet);

}  // namespace tcpdrill::netdev::test
