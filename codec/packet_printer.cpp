#include <cstdio>
#include <string>

#include "codec/hex.h"
#include "codec/packet_codec.h"
#include "codec/tcp_option_printer.h"

namespace tcpdrill::codec {
namespace {

std::string hex_number(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%x", value);
  return text;
}

std::string tos_text(const ast::TosSpec& tos) {
  switch (tos.kind) {
    case ast::TosSpec::Kind::Ecn: {
      static constexpr const char* kEcnNames[] = {"noecn", "ect1", "ect0", "ce"};
      return kEcnNames[tos.value & 0x3];
    }
    case ast::TosSpec::Kind::EitherEct:
      return "ect01";
    case ast::TosSpec::Kind::Byte: {
      char text[16];
      std::snprintf(text, sizeof text, "tos 0x%02x", tos.value);
      return text;
    }
  }
  return {};
}

// `[ect0]`, `(tos 0x10, flowlabel 0x12345)`, `(ttl 64)`; empty when nothing is set.
// ECN forms keep the square brackets scripts conventionally use for them.
std::string ip_info_text(const ast::IpInfo& info) {
  std::string inside;
  const auto append = [&inside](const std::string& part) {
    if (!inside.empty()) inside += ", ";
    inside += part;
  };
  if (info.tos) append(tos_text(*info.tos));
  if (info.flow_label) append("flowlabel " + hex_number(*info.flow_label));
  if (info.ttl) append("ttl " + std::to_string(*info.ttl));
  if (inside.empty()) return {};
  const bool ecn = info.tos && info.tos->kind != ast::TosSpec::Kind::Byte;
  return ecn ? "[" + inside + "]" : "(" + inside + ")";
}

std::string with_space(const std::string& text) { return text.empty() ? text : text + " "; }

std::string ports_text(const std::optional<ast::PortPair>& ports) {
  if (!ports) return {};
  return std::to_string(ports->source) + ">" + std::to_string(ports->destination) + " ";
}

std::string payload_text(const std::optional<ast::Bytes>& payload) {
  if (!payload) return {};
  return " payload 0x" + to_hex(*payload);
}

std::string sequence_text(uint32_t start, uint32_t end, uint32_t length) {
  return std::to_string(start) + ":" + std::to_string(end) + "(" + std::to_string(length) + ")";
}

// Flags in tcpdump order (F S R P U, then E W A), but with the ACK `.` after the
// letters and before an ACE digit: scripts write `SE.`, `U.`, `S.2`, and a letter after
// the dot does not parse (packetdrill's own dump, `.U`, cannot be read back). `-` for
// no flags.
std::string flags_text(const ast::TcpFlags& flags) {
  std::string text;
  if (flags.fin) text += 'F';
  if (flags.syn) text += 'S';
  if (flags.rst) text += 'R';
  if (flags.psh) text += 'P';
  if (flags.urg) text += 'U';
  if (!flags.ace) {
    if (flags.ece) text += 'E';
    if (flags.cwr) text += 'W';
    if (flags.ae) text += 'A';
  }
  if (flags.ack) text += '.';
  if (flags.ace) text += static_cast<char>('0' + (*flags.ace & 0x7));
  return text.empty() ? "-" : text;
}

struct OuterHeaderPrinter {
  std::string operator()(const ast::OuterIpv4& ipv4) const {
    return "ipv4 " + with_space(ip_info_text(ipv4.info)) +
           IpAddress::v4(ipv4.source.bytes).to_string() + " > " +
           IpAddress::v4(ipv4.destination.bytes).to_string() + ": ";
  }
  std::string operator()(const ast::OuterIpv6& ipv6) const {
    return "ipv6 " + with_space(ip_info_text(ipv6.info)) +
           IpAddress::v6(ipv6.source.bytes).to_string() + " > " +
           IpAddress::v6(ipv6.destination.bytes).to_string() + ": ";
  }
  // packetdrill's grammar wants all four fields once any is written.
  std::string operator()(const ast::GreHeader& gre) const {
    if (gre == ast::GreHeader{}) return "gre: ";
    return "gre flags " + hex_number(gre.flags) + " sum " + hex_number(gre.checksum) + " off " +
           hex_number(gre.offset) + " key " + hex_number(gre.key) + " seq " +
           hex_number(gre.sequence) + ": ";
  }
  std::string operator()(const ast::MplsLabelStack& stack) const {
    std::string text = "mpls";
    for (const auto& entry : stack.entries) {
      text += " (label " + std::to_string(entry.label) + ", tc " +
              std::to_string(entry.traffic_class) + ", " + (entry.bottom_of_stack ? "[S], " : "") +
              "ttl " + std::to_string(entry.ttl) + ")";
    }
    return text + ": ";
  }
};

struct EchoedPrinter {
  std::string operator()(const ast::icmp_echoed::DefaultTcp&) const { return {}; }
  std::string operator()(const ast::icmp_echoed::Tcp& tcp) const {
    return " [" + sequence_text(tcp.start_sequence, tcp.end_sequence, tcp.payload_length) + "]";
  }
  std::string operator()(const ast::icmp_echoed::Udp& udp) const {
    return " [udp (" + std::to_string(udp.payload_length) + ")]";
  }
  std::string operator()(const ast::icmp_echoed::Raw& raw) const {
    return " [raw (" + std::to_string(raw.length) + ")]";
  }
};

struct BodyPrinter {
  std::string operator()(const ast::TcpSegment& segment) const {
    std::string text;
    if (segment.psp_spi) text += "encap psp spi " + std::to_string(*segment.psp_spi) + " ";
    text += ports_text(segment.ports) + flags_text(segment.flags) + " " +
            sequence_text(segment.start_sequence, segment.end_sequence, segment.payload_length);
    if (segment.ack) text += " ack " + std::to_string(*segment.ack);
    if (segment.window) text += " win " + std::to_string(*segment.window);
    if (segment.urgent_pointer) text += " urg " + std::to_string(*segment.urgent_pointer);
    const auto* options = std::get_if<ast::TcpOptionList>(&segment.options);
    if (options && !options->options.empty()) {
      text += " <" + format_tcp_options(*options) + ">";
    } else if (std::holds_alternative<ast::AnyTcpOptions>(segment.options)) {
      text += " <...>";
    }
    return text + payload_text(segment.payload);
  }
  std::string operator()(const ast::UdpDatagram& datagram) const {
    return "udp " + ports_text(datagram.ports) + "(" + std::to_string(datagram.payload_length) +
           ")" + payload_text(datagram.payload);
  }
  std::string operator()(const ast::IcmpMessage& message) const {
    std::string text = "icmp " + message.type_name;
    if (message.code_name) text += " " + *message.code_name;
    if (message.mtu) text += " mtu " + std::to_string(*message.mtu);
    if (message.echo_id) text += " id " + std::to_string(*message.echo_id);
    return text + std::visit(EchoedPrinter{}, message.echoed);
  }
  std::string operator()(const ast::RawPacket& raw) const { return "raw 0x" + to_hex(raw.bytes); }
};

}  // namespace

std::string format_packet(const ast::Packet& packet) {
  std::string text;
  for (const auto& header : packet.outer_headers) text += std::visit(OuterHeaderPrinter{}, header);
  return text + with_space(ip_info_text(packet.ip)) + std::visit(BodyPrinter{}, packet.body);
}

}  // namespace tcpdrill::codec
