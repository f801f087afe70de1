#include "test_packets.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <stdexcept>

namespace tcpdrill::netdev::test {
namespace {

void put16(std::vector<uint8_t>& bytes, size_t at, uint16_t value) {
  bytes[at] = static_cast<uint8_t>(value >> 8);
  bytes[at + 1] = static_cast<uint8_t>(value);
}

void put32(std::vector<uint8_t>& bytes, size_t at, uint32_t value) {
  put16(bytes, at, static_cast<uint16_t>(value >> 16));
  put16(bytes, at + 2, static_cast<uint16_t>(value));
}

uint16_t get16(std::span<const uint8_t> bytes, size_t at) { return static_cast<uint16_t>(bytes[at] << 8 | bytes[at + 1]); }
uint32_t get32(std::span<const uint8_t> bytes, size_t at) { return uint32_t{get16(bytes, at)} << 16 | get16(bytes, at + 2); }

uint32_t partial_sum(std::span<const uint8_t> bytes, uint32_t sum) {
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) sum += uint32_t{bytes[i]} << 8 | bytes[i + 1];
  if (bytes.size() % 2 != 0) sum += uint32_t{bytes.back()} << 8;
  return sum;
}

uint32_t pseudo_header_sum(Ipv4 source, Ipv4 destination, uint8_t protocol, size_t length) {
  uint32_t sum = partial_sum(source, 0);
  sum = partial_sum(destination, sum);
  return sum + protocol + static_cast<uint32_t>(length);
}

std::vector<uint8_t> ipv4_packet(Ipv4 source, Ipv4 destination, uint8_t protocol, std::span<const uint8_t> payload) {
  std::vector<uint8_t> packet(20 + payload.size());
  packet[0] = 0x45;
  put16(packet, 2, static_cast<uint16_t>(packet.size()));
  put16(packet, 6, 0x4000);  // DF
  packet[8] = 64;
  packet[9] = protocol;
  std::copy(source.begin(), source.end(), packet.begin() + 12);
  std::copy(destination.begin(), destination.end(), packet.begin() + 16);
  put16(packet, 10, internet_checksum(std::span(packet).first(20)));
  std::copy(payload.begin(), payload.end(), packet.begin() + 20);
  return packet;
}

}  // namespace

Ipv4 ipv4(const std::string& text) {
  Ipv4 address{};
  if (inet_pton(AF_INET, text.c_str(), address.data()) != 1) throw std::runtime_error("bad IPv4 " + text);
  return address;
}

uint16_t internet_checksum(std::span<const uint8_t> bytes, uint32_t sum) {
  sum = partial_sum(bytes, sum);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

std::vector<uint8_t> build_tcp_packet(const TcpSegment& segment) {
  const size_t header_size = segment.mss_option != 0 ? 24 : 20;
  std::vector<uint8_t> tcp(header_size + segment.payload.size());
  put16(tcp, 0, segment.source_port);
  put16(tcp, 2, segment.destination_port);
  put32(tcp, 4, segment.sequence);
  put32(tcp, 8, segment.acknowledgment);
  tcp[12] = static_cast<uint8_t>(header_size / 4 << 4);
  tcp[13] = segment.flags;
  put16(tcp, 14, segment.window);
  if (segment.mss_option != 0) {
    tcp[20] = 2;
    tcp[21] = 4;
    put16(tcp, 22, segment.mss_option);
  }
  std::copy(segment.payload.begin(), segment.payload.end(), tcp.begin() + static_cast<ptrdiff_t>(header_size));
  put16(tcp, 16, internet_checksum(tcp, pseudo_header_sum(segment.source, segment.destination, IPPROTO_TCP, tcp.size())));
  return ipv4_packet(segment.source, segment.destination, IPPROTO_TCP, tcp);
}

std::vector<uint8_t> build_icmp_echo_request(Ipv4 source, Ipv4 destination, uint16_t id, uint16_t sequence,
                                             std::span<const uint8_t> data) {
  std::vector<uint8_t> icmp(8 + data.size());
  icmp[0] = 8;  // echo request
  put16(icmp, 4, id);
  put16(icmp, 6, sequence);
  std::copy(data.begin(), data.end(), icmp.begin() + 8);
  put16(icmp, 2, internet_checksum(icmp));
  return ipv4_packet(source, destination, IPPROTO_ICMP, icmp);
}

Ipv6 ipv6(const std::string& text) {
  Ipv6 address{};
  if (inet_pton(AF_INET6, text.c_str(), address.data()) != 1) throw std::runtime_error("bad IPv6 " + text);
  return address;
}

namespace {

uint32_t ipv6_pseudo_header_sum(std::span<const uint8_t> source, std::span<const uint8_t> destination,
                                size_t length) {
  return partial_sum(destination, partial_sum(source, 0)) + static_cast<uint32_t>(length) + IPPROTO_ICMPV6;
}

}  // namespace

std::vector<uint8_t> build_icmpv6_echo_request(Ipv6 source, Ipv6 destination, uint16_t id, uint16_t sequence) {
  std::vector<uint8_t> packet(40 + 8);
  packet[0] = 0x60;
  put16(packet, 4, 8);
  packet[6] = IPPROTO_ICMPV6;
  packet[7] = 64;
  std::copy(source.begin(), source.end(), packet.begin() + 8);
  std::copy(destination.begin(), destination.end(), packet.begin() + 24);
  packet[40] = 128;  // echo request
  put16(packet, 44, id);
  put16(packet, 46, sequence);
  const auto icmp = std::span(packet).subspan(40);
  put16(packet, 42, internet_checksum(icmp, ipv6_pseudo_header_sum(source, destination, icmp.size())));
  return packet;
}

int valid_icmpv6_type(std::span<const uint8_t> packet) {
  if (packet.size() < 48 || packet[0] >> 4 != 6 || packet[6] != IPPROTO_ICMPV6) return -1;
  const auto icmp = packet.subspan(40);
  const uint32_t pseudo = ipv6_pseudo_header_sum(packet.subspan(8, 16), packet.subspan(24, 16), icmp.size());
  return internet_checksum(icmp, pseudo) == 0 ? icmp[0] : -1;
}

ParsedPacket parse_ipv4(std::span<const uint8_t> packet) {
  if (packet.size() < 20 || packet[0] >> 4 != 4) throw std::runtime_error("not an IPv4 packet");
  ParsedPacket parsed;
  parsed.ip_header_size = size_t{packet[0] & 0x0fu} * 4;
  parsed.protocol = packet[9];
  std::copy_n(packet.begin() + 12, 4, parsed.source.begin());
  std::copy_n(packet.begin() + 16, 4, parsed.destination.begin());
  const auto transport = packet.subspan(parsed.ip_header_size);
  const bool header_valid = internet_checksum(packet.first(parsed.ip_header_size)) == 0;
  if (parsed.protocol == IPPROTO_TCP) {
    TcpSegment& tcp = parsed.tcp;
    tcp.source = parsed.source;
    tcp.destination = parsed.destination;
    tcp.source_port = get16(transport, 0);
    tcp.destination_port = get16(transport, 2);
    tcp.sequence = get32(transport, 4);
    tcp.acknowledgment = get32(transport, 8);
    tcp.flags = transport[13];
    tcp.window = get16(transport, 14);
    const size_t data_offset = size_t{transport[12]} / 16 * 4;
    tcp.payload.assign(transport.begin() + static_cast<ptrdiff_t>(data_offset), transport.end());
    const uint32_t pseudo = pseudo_header_sum(parsed.source, parsed.destination, IPPROTO_TCP, transport.size());
    parsed.checksums_valid = header_valid && internet_checksum(transport, pseudo) == 0;
  } else if (parsed.protocol == IPPROTO_ICMP) {
    parsed.icmp_type = transport[0];
    parsed.checksums_valid = header_valid && internet_checksum(transport) == 0;
  }
  return parsed;
}

}  // namespace tcpdrill::netdev::test
