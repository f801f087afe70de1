#include "runtime/packet/header_comparison.h"

#include <string>
#include <variant>

#include "codec/icmp_names.h"
#include "codec/ip_header_codec.h"
#include "codec/tcp_segment_codec.h"
#include "codec/udp_datagram_codec.h"
#include "runtime/packet/tcp_option_image.h"

namespace tcpdrill::runtime::packet {

namespace {

constexpr uint32_t kIpv4HeaderBytes = codec::kIpv4HeaderBytes,
                   kIpv6HeaderBytes = codec::kIpv6HeaderBytes,
                   kTcpHeaderBytes = codec::kTcpHeaderBytes,
                   kUdpHeaderBytes = codec::kUdpHeaderBytes;
constexpr uint8_t kEcnMask = 0x3, kEcnEct1 = 0x1, kEcnEct0 = 0x2;
constexpr uint16_t kGreChecksum = 0x8000, kGreRouting = 0x4000, kGreKey = 0x2000,
                   kGreSequence = 0x1000;

const ast::TcpOptionList kNoOptions;

const ast::TcpOptionList& option_list(const ast::TcpSegment& tcp) {
  const auto* list = std::get_if<ast::TcpOptionList>(&tcp.options);
  return list != nullptr ? *list : kNoOptions;
}

uint32_t options_size(const ast::TcpOptionList& options) {
  uint32_t size = 0;
  for (const auto& option : options.options) size += tcp_option_size(option, 0);
  return size;
}

std::string layer_name(const ast::OuterHeader& header) {
  if (std::holds_alternative<ast::OuterIpv4>(header)) return "ipv4";
  if (std::holds_alternative<ast::OuterIpv6>(header)) return "ipv6";
  if (std::holds_alternative<ast::GreHeader>(header)) return "gre";
  return "mpls";
}

std::string transport_name(const ast::Packet& packet, codec::IpFamily family) {
  if (std::holds_alternative<ast::TcpSegment>(packet.body)) return "tcp";
  if (std::holds_alternative<ast::UdpDatagram>(packet.body)) return "udp";
  if (std::holds_alternative<ast::IcmpMessage>(packet.body)) {
    return family == codec::IpFamily::V4 ? "icmpv4" : "icmpv6";
  }
  return "raw";
}

bool has_psp(const ast::Packet& packet) {
  const auto* tcp = std::get_if<ast::TcpSegment>(&packet.body);
  return tcp != nullptr && tcp->psp_spi.has_value();
}

size_t layer_count(const ast::Packet& packet) {
  return packet.outer_headers.size() + 2 + (has_psp(packet) ? 1 : 0);
}

uint32_t gre_length(const ast::GreHeader& gre) {
  return 4 + ((gre.flags & (kGreChecksum | kGreRouting)) ? 4 : 0) +
         ((gre.flags & kGreKey) ? 4 : 0) + ((gre.flags & kGreSequence) ? 4 : 0);
}

void compare_ip_info(const ast::IpInfo& script, uint8_t tos, uint8_t ttl, MatchResult& result) {
  if (script.tos) {
    const uint8_t ecn = tos & kEcnMask;
    switch (script.tos->kind) {
      case ast::TosSpec::Kind::Ecn:
        result.check("ip_ecn", script.tos->value, ecn);
        break;
      case ast::TosSpec::Kind::EitherEct:
        if (ecn != kEcnEct0 && ecn != kEcnEct1) {
          result.mismatches.push_back({"ip_ecn", "0x1 or 0x2", std::to_string(ecn)});
        }
        break;
      case ast::TosSpec::Kind::Byte:
        result.check("tos", script.tos->value, tos);
        break;
    }
  }
  if (script.ttl) result.check("ttl", *script.ttl, ttl);
}

// A decoded outer header keeps its TOS byte as a TosSpec and leaves a default TTL out.
uint8_t tos_byte(const ast::IpInfo& info) { return info.tos ? info.tos->value : 0; }

void compare_gre(const ast::GreHeader& script, const ast::GreHeader& actual, MatchResult& result) {
  result.check("gre_len", gre_length(script), gre_length(actual));
  if (script.flags != actual.flags) result.problems.push_back("mismatch in GRE flags");
  if (script.flags & (kGreChecksum | kGreRouting)) {
    if (script.checksum != actual.checksum) result.problems.push_back("mismatch in GRE sum");
    if (script.offset != actual.offset) result.problems.push_back("mismatch in GRE off");
  }
  if ((script.flags & kGreKey) && script.key != actual.key)
    result.problems.push_back("mismatch in GRE key");
  if ((script.flags & kGreSequence) && script.sequence != actual.sequence) {
    result.problems.push_back("mismatch in GRE seq");
  }
}

void compare_mpls(const ast::MplsLabelStack& script, const ast::MplsLabelStack& actual,
                  MatchResult& result) {
  if (script.entries.size() != actual.entries.size()) {
    result.problems.push_back("mismatch in MPLS label stack depth");
    return;
  }
  for (size_t i = 0; i < script.entries.size(); ++i) {
    if (script.entries[i] != actual.entries[i]) {
      result.problems.push_back("mismatch in MPLS label " + std::to_string(i));
    }
  }
}

void compare_outer(const ast::OuterHeader& script, const ast::OuterHeader& actual,
                   MatchResult& result) {
  if (const auto* v4 = std::get_if<ast::OuterIpv4>(&script)) {
    const auto& live = std::get<ast::OuterIpv4>(actual);
    compare_ip_info(v4->info, tos_byte(live.info), live.info.ttl.value_or(codec::kDefaultTtl),
                    result);
  } else if (const auto* v6 = std::get_if<ast::OuterIpv6>(&script)) {
    const auto& live = std::get<ast::OuterIpv6>(actual);
    compare_ip_info(v6->info, tos_byte(live.info), live.info.ttl.value_or(codec::kDefaultTtl),
                    result);
  } else if (const auto* gre = std::get_if<ast::GreHeader>(&script)) {
    compare_gre(*gre, std::get<ast::GreHeader>(actual), result);
  } else {
    compare_mpls(std::get<ast::MplsLabelStack>(script), std::get<ast::MplsLabelStack>(actual),
                 result);
  }
}

// Layer count and type of each layer; true when the layers line up so that their
// fields can be compared.
bool compare_layers(const ast::Packet& script, const codec::DecodedPacket& actual,
                    MatchResult& result) {
  const size_t script_layers = layer_count(script), actual_layers = layer_count(actual.packet);
  if (script_layers != actual_layers) {
    result.problems.push_back(
        "live packet header layers: expected: " + std::to_string(script_layers) +
        " headers vs actual: " + std::to_string(actual_layers) + " headers");
    return false;
  }
  bool aligned = true;
  auto layer_differs = [&](size_t layer, const std::string& expected, const std::string& got) {
    result.problems.push_back("live packet header layer " + std::to_string(layer) +
                              ": expected: " + expected + " header vs actual: " + got + " header");
    aligned = false;
  };
  for (size_t i = 0; i < script.outer_headers.size(); ++i) {
    const auto expected = layer_name(script.outer_headers[i]),
               got = layer_name(actual.packet.outer_headers[i]);
    if (expected != got) layer_differs(i, expected, got);
  }
  const auto expected = transport_name(script, actual.wire.family);
  const auto got = transport_name(actual.packet, actual.wire.family);
  if (expected != got) layer_differs(script.outer_headers.size() + 1, expected, got);
  return aligned;
}

uint8_t script_ip_protocol(const ast::Packet& script, codec::IpFamily family) {
  if (has_psp(script)) return codec::ip_protocol::kUdp;
  if (std::holds_alternative<ast::TcpSegment>(script.body)) return codec::ip_protocol::kTcp;
  if (std::holds_alternative<ast::UdpDatagram>(script.body)) return codec::ip_protocol::kUdp;
  return family == codec::IpFamily::V4 ? codec::ip_protocol::kIcmp : codec::ip_protocol::kIcmpv6;
}

// Transport header plus payload as the script describes it; nullopt when the script
// does not fix it (ICMP, whose quoted bytes the kernel chooses, and PSP).
std::optional<uint32_t> script_transport_size(const ast::Packet& script,
                                              const codec::DecodedPacket& actual) {
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&script.body)) {
    if (tcp->psp_spi) return std::nullopt;
    return kTcpHeaderBytes +
           script_tcp_options_size(*tcp, std::get<ast::TcpSegment>(actual.packet.body)) +
           tcp->payload_length;
  }
  if (const auto* udp = std::get_if<ast::UdpDatagram>(&script.body))
    return kUdpHeaderBytes + udp->payload_length;
  return std::nullopt;
}

void compare_ip(const ast::Packet& script, const codec::DecodedPacket& actual, bool aligned,
                MatchResult& result) {
  const auto& wire = actual.wire;
  const bool v4 = wire.family == codec::IpFamily::V4;
  result.check(v4 ? "ipv4_protocol" : "ipv6_next_header", script_ip_protocol(script, wire.family),
               wire.ip_protocol);
  if (v4) result.check("ipv4_header_length", kIpv4HeaderBytes / 4, wire.ip_header_length / 4);
  if (auto transport = aligned ? script_transport_size(script, actual) : std::nullopt) {
    if (v4) {
      result.check("ipv4_total_length", kIpv4HeaderBytes + *transport, wire.ip_total_length);
    } else {
      result.check("ipv6_payload_len", *transport, wire.ip_total_length - kIpv6HeaderBytes);
    }
  }
  compare_ip_info(script.ip, wire.tos, wire.ttl, result);
}

uint8_t ace(const ast::TcpFlags& flags) {
  return (flags.ae ? 4 : 0) | (flags.cwr ? 2 : 0) | (flags.ece ? 1 : 0);
}

void compare_tcp(const ast::TcpSegment& script, const ast::TcpSegment& actual,
                 const codec::WireFields& wire, MatchResult& result) {
  const auto& expected = script.flags;
  const auto& got = actual.flags;
  result.check("tcp_data_offset", (kTcpHeaderBytes + script_tcp_options_size(script, actual)) / 4,
               wire.tcp_data_offset / 4);
  result.check("tcp_fin", expected.fin, got.fin);
  result.check("tcp_syn", expected.syn, got.syn);
  result.check("tcp_rst", expected.rst, got.rst);
  result.check("tcp_psh", expected.psh, got.psh);
  result.check("tcp_ack", expected.ack, got.ack);
  result.check("tcp_urg", expected.urg, got.urg);
  if (expected.ace) {
    result.check("tcp_ace", *expected.ace, ace(got));
  } else {
    result.check("tcp_ece", expected.ece, got.ece);
    result.check("tcp_cwr", expected.cwr, got.cwr);
    result.check("tcp_ae", expected.ae, got.ae);
  }
  result.check("tcp_reserved_bits", 0, wire.tcp_reserved_bits);
  result.check("tcp_seq", script.start_sequence, actual.start_sequence);
  result.check("tcp_ack_seq", script.ack.value_or(0), actual.ack.value_or(0));
  if (script.window) result.check("tcp_window", *script.window, actual.window.value_or(0));
  result.check("tcp_urg_ptr", script.urgent_pointer.value_or(0), actual.urgent_pointer.value_or(0));
  if (script.psp_spi) result.check("psp_spi", *script.psp_spi, actual.psp_spi.value_or(0));
}

void compare_icmp(const ast::IcmpMessage& script, const codec::WireFields& wire,
                  MatchResult& result) {
  const auto expected = codec::resolve_icmp_names(wire.family, script.type_name, script.code_name);
  result.check("icmp_type", expected.type, wire.icmp_type);
  result.check("icmp_code", expected.code, wire.icmp_code);
}

}  // namespace

uint32_t script_tcp_options_size(const ast::TcpSegment& script, const ast::TcpSegment& actual) {
  const auto& actual_options = option_list(actual);
  if (std::holds_alternative<ast::AnyTcpOptions>(script.options))
    return options_size(actual_options);
  const auto& options = option_list(script).options;
  uint32_t size = 0;
  for (size_t i = 0; i < options.size(); ++i) {
    const uint32_t fallback =
        i < actual_options.options.size() ? tcp_option_size(actual_options.options[i], 0) : 0;
    size += tcp_option_size(options[i], fallback);
  }
  return size;
}

void compare_headers(const ast::Packet& script, const codec::DecodedPacket& actual,
                     MatchResult& result) {
  const bool aligned = compare_layers(script, actual, result);
  if (aligned) {
    for (size_t i = 0; i < script.outer_headers.size(); ++i) {
      compare_outer(script.outer_headers[i], actual.packet.outer_headers[i], result);
    }
  }
  compare_ip(script, actual, aligned, result);
  if (!aligned) return;
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&script.body)) {
    compare_tcp(*tcp, std::get<ast::TcpSegment>(actual.packet.body), actual.wire, result);
  } else if (const auto* udp = std::get_if<ast::UdpDatagram>(&script.body)) {
    result.check("udp_len", kUdpHeaderBytes + udp->payload_length, actual.wire.udp_length);
  } else if (const auto* icmp = std::get_if<ast::IcmpMessage>(&script.body)) {
    compare_icmp(*icmp, actual.wire, result);
  }
}

}  // namespace tcpdrill::runtime::packet
