#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "parser/ast_expression.h"
#include "parser/source_location.h"

namespace tcpdrill::ast {

using Bytes = std::vector<uint8_t>;

enum class Direction : uint8_t { Inbound /* < */, Outbound /* > */ };

// The ECN field or the whole TOS / traffic-class byte of the innermost IP header.
struct TosSpec {
  enum class Kind : uint8_t {
    Ecn,        // noecn / ect0 / ect1 / ce: only the two ECN bits, value 0..3
    EitherEct,  // ect01: ECT(0) or ECT(1), outbound only
    Byte,       // tos 0xNN: the whole byte
  };
  Kind kind = Kind::Ecn;
  uint8_t value = 0;
  friend bool operator==(const TosSpec&, const TosSpec&) = default;
};

struct IpInfo {
  std::optional<TosSpec> tos;
  std::optional<uint32_t> flow_label;  // 20 bits, IPv6 only
  std::optional<uint8_t> ttl;          // IPv4 TTL / IPv6 hop limit
  friend bool operator==(const IpInfo&, const IpInfo&) = default;
};

struct Ipv4Address {
  std::array<uint8_t, 4> bytes{};
  friend bool operator==(const Ipv4Address&, const Ipv4Address&) = default;
};
struct Ipv6Address {
  std::array<uint8_t, 16> bytes{};
  friend bool operator==(const Ipv6Address&, const Ipv6Address&) = default;
};

// Outer (encapsulating) headers, written before the inner packet: literal addresses,
// never remapped.
struct OuterIpv4 {
  Ipv4Address source, destination;
  IpInfo info;
  friend bool operator==(const OuterIpv4&, const OuterIpv4&) = default;
};
struct OuterIpv6 {
  Ipv6Address source, destination;
  IpInfo info;
  friend bool operator==(const OuterIpv6&, const OuterIpv6&) = default;
};
using OuterHeader = std::variant<OuterIpv4, OuterIpv6, GreHeader, MplsLabelStack>;

struct PortPair {
  uint16_t source = 0;
  uint16_t destination = 0;
  friend bool operator==(const PortPair&, const PortPair&) = default;
};

struct TcpFlags {
  bool fin = false, syn = false, rst = false, psh = false, ack = false, urg = false;
  bool ece = false, cwr = false, ae = false;
  // AccECN ACE field written as a digit 1..7 (bit0 ECE, bit1 CWR, bit2 AE); when set it
  // replaces the three individual bits above in comparisons.
  std::optional<uint8_t> ace;
  friend bool operator==(const TcpFlags&, const TcpFlags&) = default;
};

// Option values are std::optional: nullopt is the `*` wildcard (outbound only), a
// tcpdrill extension that packetdrill lacks.
namespace tcp_option {
struct Nop {
  friend bool operator==(const Nop&, const Nop&) = default;
};
struct EndOfList {
  friend bool operator==(const EndOfList&, const EndOfList&) = default;
};
struct Mss {
  std::optional<uint16_t> value;
  friend bool operator==(const Mss&, const Mss&) = default;
};
struct WindowScale {
  std::optional<uint8_t> shift;
  friend bool operator==(const WindowScale&, const WindowScale&) = default;
};
struct SackPermitted {
  friend bool operator==(const SackPermitted&, const SackPermitted&) = default;
};
struct SackBlock {
  uint32_t left = 0, right = 0;
  friend bool operator==(const SackBlock&, const SackBlock&) = default;
};
struct Sack {
  std::vector<SackBlock> blocks;  // 1..4; empty with `any` set means `sack *`
  bool any = false;
  friend bool operator==(const Sack&, const Sack&) = default;
};
struct Timestamp {
  std::optional<uint32_t> value, echo_reply;
  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};
struct Md5 {
  Bytes digest;  // up to 16 bytes
  friend bool operator==(const Md5&, const Md5&) = default;
};
struct FastOpen {
  Bytes cookie;           // possibly empty
  bool experimental = false;  // FOEXP: kind 254 with magic 0xF989
  friend bool operator==(const FastOpen&, const FastOpen&) = default;
};
struct AccEcn {
  uint8_t order = 0;  // 0: kind 172 (e0b ceb e1b); 1: kind 174 (e1b ceb e0b)
  std::vector<std::optional<uint32_t>> counters;  // 0..3 24-bit fields in wire order
  friend bool operator==(const AccEcn&, const AccEcn&) = default;
};
// <kind K [len L] [0xHEX]>: any option, including malformed ones. When `length` is
// absent it is 2 + data size.
struct Generic {
  uint8_t kind = 0;
  std::optional<uint8_t> length;
  Bytes data;
  friend bool operator==(const Generic&, const Generic&) = default;
};
}  // namespace tcp_option

using TcpOption =
    std::variant<tcp_option::Nop, tcp_option::EndOfList, tcp_option::Mss, tcp_option::WindowScale,
                 tcp_option::SackPermitted, tcp_option::Sack, tcp_option::Timestamp,
                 tcp_option::Md5, tcp_option::FastOpen, tcp_option::AccEcn, tcp_option::Generic>;

struct TcpOptionList {
  std::vector<TcpOption> options;
  friend bool operator==(const TcpOptionList&, const TcpOptionList&) = default;
};

// `<...>`: do not check options (outbound only).
struct AnyTcpOptions {
  friend bool operator==(const AnyTcpOptions&, const AnyTcpOptions&) = default;
};

struct TcpSegment {
  std::optional<PortPair> ports;
  TcpFlags flags;
  uint32_t start_sequence = 0;
  uint32_t end_sequence = 0;
  uint32_t payload_length = 0;
  std::optional<uint32_t> ack;       // absent: 0 inbound, 0 compared outbound
  std::optional<uint16_t> window;    // required inbound; absent outbound = unchecked
  std::optional<uint16_t> urgent_pointer;
  std::variant<std::monostate, TcpOptionList, AnyTcpOptions> options;
  std::optional<Bytes> payload;      // tcpdrill extension; absent = payload_length zeros
  std::optional<uint32_t> psp_spi;   // `encap psp spi N`
  friend bool operator==(const TcpSegment&, const TcpSegment&) = default;
};

struct UdpDatagram {
  std::optional<PortPair> ports;
  uint32_t payload_length = 0;
  std::optional<Bytes> payload;  // tcpdrill extension
  friend bool operator==(const UdpDatagram&, const UdpDatagram&) = default;
};

// What an ICMP error quotes.
namespace icmp_echoed {
struct DefaultTcp {  // nothing written: a TCP header with seq 0
  friend bool operator==(const DefaultTcp&, const DefaultTcp&) = default;
};
struct Tcp {  // [START:END(LEN)]
  uint32_t start_sequence = 0, end_sequence = 0, payload_length = 0;
  friend bool operator==(const Tcp&, const Tcp&) = default;
};
struct Udp {  // [udp (LEN)]
  uint32_t payload_length = 0;
  friend bool operator==(const Udp&, const Udp&) = default;
};
struct Raw {  // [raw (N)]: no quote, ICMP message of N bytes including its header
  uint32_t length = 0;
  friend bool operator==(const Raw&, const Raw&) = default;
};
}  // namespace icmp_echoed

// Type and code are kept as written (`unreachable`, `type_3`, `port_unreachable`,
// `code_4`) because the same name means different numbers in ICMPv4 and ICMPv6 and
// the address family is known only at run time; the codec resolves them.
struct IcmpMessage {
  std::string type_name;
  std::optional<std::string> code_name;
  std::optional<uint32_t> mtu;
  std::optional<uint16_t> echo_id;
  std::variant<icmp_echoed::DefaultTcp, icmp_echoed::Tcp, icmp_echoed::Udp, icmp_echoed::Raw>
      echoed;
  friend bool operator==(const IcmpMessage&, const IcmpMessage&) = default;
};

// `raw 0x4500...`: a whole IP packet injected byte for byte (tcpdrill extension,
// inbound only).
struct RawPacket {
  Bytes bytes;
  friend bool operator==(const RawPacket&, const RawPacket&) = default;
};

struct Packet {
  Direction direction = Direction::Inbound;
  std::vector<OuterHeader> outer_headers;
  IpInfo ip;
  std::variant<TcpSegment, UdpDatagram, IcmpMessage, RawPacket> body;
  friend bool operator==(const Packet&, const Packet&) = default;
};

}  // namespace tcpdrill::ast
