#include "runtime/packet/outbound_matcher.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <variant>

#include "codec/tcp_option_codec.h"
#include "codec/tcp_option_printer.h"
#include "runtime/packet/header_comparison.h"
#include "runtime/packet/tcp_option_image.h"

namespace tcpdrill::runtime::packet {

namespace {

// The TS option of a segment, const or not.
template <typename Segment, typename Timestamp = std::conditional_t<
                                std::is_const_v<Segment>, const ast::tcp_option::Timestamp,
                                ast::tcp_option::Timestamp>>
Timestamp* find_timestamp(Segment& tcp) {
  if (auto* list = std::get_if<ast::TcpOptionList>(&tcp.options)) {
    for (auto& option : list->options) {
      if (auto* ts = std::get_if<ast::tcp_option::Timestamp>(&option)) return ts;
    }
  }
  return nullptr;
}

void learn_passive_isn(const ast::TcpSegment& script, const ast::TcpSegment& live,
                       ConnectionState& state) {
  if (state.state != SocketState::PassivePacketReceived || !script.flags.syn || !script.flags.ack)
    return;
  state.script_local_isn = script.start_sequence;
  state.live_local_isn = live.start_sequence;
  state.state = SocketState::PassiveSynAckSent;
}

void copy_script_ports(const ast::Packet& script, ast::Packet& actual) {
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&script.body)) {
    if (auto* live = std::get_if<ast::TcpSegment>(&actual.body)) live->ports = tcp->ports;
  } else if (const auto* udp = std::get_if<ast::UdpDatagram>(&script.body)) {
    if (auto* live = std::get_if<ast::UdpDatagram>(&actual.body)) live->ports = udp->ports;
  }
}

std::vector<uint8_t> payload_bytes(const ast::Packet& packet) {
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&packet.body)) {
    return tcp->payload.value_or(std::vector<uint8_t>(tcp->payload_length, 0));
  }
  if (const auto* udp = std::get_if<ast::UdpDatagram>(&packet.body)) {
    return udp->payload.value_or(std::vector<uint8_t>(udp->payload_length, 0));
  }
  return {};
}

void compare_payload(const ast::Packet& script, const ast::Packet& actual, MatchResult& result) {
  if (std::holds_alternative<ast::IcmpMessage>(script.body)) return;
  const auto expected = payload_bytes(script), got = payload_bytes(actual);
  // A length difference is already reported by the IP and transport lengths.
  if (expected.size() == got.size() && expected != got) {
    result.problems.push_back("incorrect outbound data payload");
  }
}

// §4.5 flow label rule: a non-zero script label needs a non-zero live one; the same
// script label keeps its live label, a new script label needs a new live label.
void check_flow_label(const ast::Packet& script, const codec::WireFields& wire,
                      ConnectionState& state, MatchResult& result) {
  const uint32_t script_label = script.ip.flow_label.value_or(0);
  if (wire.family != codec::IpFamily::V6 || script_label == 0) return;
  const uint32_t live_label = wire.flow_label;
  if (live_label == 0) {
    result.problems.push_back("flowlabel unmarked in the live packet");
    return;
  }
  auto& binding = state.flow_label;
  if (binding && binding->script_label == script_label && binding->live_label != live_label) {
    char text[96];
    std::snprintf(text, sizeof text,
                  "inconsistent flowlabels for this packet: expected: 0x%x vs actual: 0x%x",
                  binding->live_label, live_label);
    result.problems.push_back(text);
    return;
  }
  if (binding && binding->script_label != script_label && binding->live_label == live_label) {
    result.problems.push_back("expected a different flowlabel but got the same");
    return;
  }
  binding = FlowLabelBinding{script_label, live_label};
}

// The live packet's IP fields that the script wrote, from the wire: only those are
// compared, so the others (the kernel's TTL of 64, its flow label) would only clutter a
// dump. A script's [ect01] shows the live ECN field.
ast::IpInfo ip_info_written_by(const ast::IpInfo& script, const codec::WireFields& wire) {
  ast::IpInfo shown;
  if (script.tos) {
    const bool whole_byte = script.tos->kind == ast::TosSpec::Kind::Byte;
    shown.tos = ast::TosSpec{whole_byte ? ast::TosSpec::Kind::Byte : ast::TosSpec::Kind::Ecn,
                             static_cast<uint8_t>(whole_byte ? wire.tos : wire.tos & 0x3)};
  }
  if (script.flow_label) shown.flow_label = wire.flow_label;
  if (script.ttl) shown.ttl = wire.ttl;
  return shown;
}

}  // namespace

OutboundMatcher::OutboundMatcher(const RunConfig& config, PacketFormatter format)
    : tolerance_usecs_(config.tolerance_usecs),
      tolerance_percent_(config.tolerance_percent),
      ts_tick_usecs_(config.tcp_ts_tick_usecs),
      format_(std::move(format)) {}

codec::DecodedPacket OutboundMatcher::to_script_space(const ast::Packet& script,
                                                      const codec::DecodedPacket& live,
                                                      ConnectionState& state) const {
  codec::DecodedPacket actual = live;
  copy_script_ports(script, actual.packet);
  auto* tcp = std::get_if<ast::TcpSegment>(&actual.packet.body);
  if (tcp == nullptr) return actual;

  if (const auto* script_tcp = std::get_if<ast::TcpSegment>(&script.body)) {
    learn_passive_isn(*script_tcp, *tcp, state);
  }
  state.last_sniffed = TcpHeaderSnapshot::of(*tcp);

  const bool syn = tcp->flags.syn;
  subtract_offsets(*tcp, state.local_script_to_live_offset(syn), state.remote_script_to_live_offset(syn));
  return actual;
}

MatchResult OutboundMatcher::compare(const ast::Packet& script,
                                     const codec::DecodedPacket& script_space_packet,
                                     ConnectionState& state,
                                     int64_t usecs_since_script_start) const {
  MatchResult result;
  codec::DecodedPacket actual = script_space_packet;
  const auto* script_tcp = std::get_if<ast::TcpSegment>(&script.body);
  auto* actual_tcp = std::get_if<ast::TcpSegment>(&actual.packet.body);

  // TS val into script space (§4.6), recording the pair for later inbound ecrs.
  if (script_tcp != nullptr && actual_tcp != nullptr) {
    const auto* script_ts = find_timestamp(*script_tcp);
    auto* actual_ts = find_timestamp(*actual_tcp);
    if (script_ts != nullptr && script_ts->value && actual_ts != nullptr && actual_ts->value) {
      state.timestamps.record(*script_ts->value, *actual_ts->value);
    }
    if (actual_ts != nullptr && actual_ts->value) {
      actual_ts->value =
          state.timestamps.live_to_script(*actual_ts->value).value_or(*actual_ts->value);
    }
  }

  result.script_dump = format_(script);
  actual.packet.ip = ip_info_written_by(script.ip, actual.wire);
  result.actual_dump = format_(actual.packet);

  if (!actual.wire.ipv4_checksum_ok) {
    result.problems.push_back("bad outbound IP checksum");
    result.fatal = true;
  }
  compare_headers(script, actual, result);
  check_flow_label(script, actual.wire, state, result);
  if (script_tcp != nullptr && actual_tcp != nullptr) {
    compare_options(*script_tcp, *actual_tcp, usecs_since_script_start, result);
  }
  compare_payload(script, actual.packet, result);
  return result;
}

void OutboundMatcher::compare_options(const ast::TcpSegment& script, const ast::TcpSegment& actual,
                                      int64_t usecs_since_script_start, MatchResult& result) const {
  if (std::holds_alternative<ast::AnyTcpOptions>(script.options)) return;
  static const ast::TcpOptionList kNone;
  const auto* script_list = std::get_if<ast::TcpOptionList>(&script.options);
  const auto* actual_list = std::get_if<ast::TcpOptionList>(&actual.options);
  const auto& expected = (script_list != nullptr ? *script_list : kNone).options;
  const auto& got = (actual_list != nullptr ? *actual_list : kNone).options;

  std::vector<TcpOptionImage> expected_images, got_images;
  for (const auto& option : expected) expected_images.push_back(tcp_option_image(option));
  for (const auto& option : got) got_images.push_back(tcp_option_image(option));
  const bool same_kinds = std::equal(
      expected_images.begin(), expected_images.end(), got_images.begin(), got_images.end(),
      [](const TcpOptionImage& a, const TcpOptionImage& b) { return a.kind == b.kind; });
  if (!same_kinds) {
    result.problems.push_back("bad outbound TCP options");
    return;
  }

  for (size_t i = 0; i < expected.size(); ++i) {
    const uint8_t kind = expected_images[i].kind;
    if (kind == codec::tcp_option_kind::kNop || kind == codec::tcp_option_kind::kEndOfList)
      continue;
    const auto* script_ts = std::get_if<ast::tcp_option::Timestamp>(&expected[i]);
    const auto* live_ts = std::get_if<ast::tcp_option::Timestamp>(&got[i]);
    if (script_ts != nullptr && live_ts != nullptr) {
      check_timestamp(*script_ts, *live_ts, usecs_since_script_start, result);
      continue;
    }
    if (auto difference = TcpOptionImage::difference(expected_images[i], got_images[i])) {
      result.problems.push_back(std::string(*difference) +
                                " in outbound TCP option (kind=" + std::to_string(kind) +
                                "): expected: " + codec::format_tcp_option(expected[i]) +
                                " actual: " + codec::format_tcp_option(got[i]));
    }
  }
}

void OutboundMatcher::check_timestamp(const ast::tcp_option::Timestamp& script,
                                      const ast::tcp_option::Timestamp& live,
                                      int64_t usecs_since_script_start, MatchResult& result) const {
  if (ts_tick_usecs_ == 0 || !script.value || !live.value) return;
  // The TS clock has run since the script started, so its slack grows with that time.
  const int64_t tolerance = std::max<int64_t>(
      tolerance_usecs_,
      static_cast<int64_t>(tolerance_percent_ / 100.0 * usecs_since_script_start));
  const auto drift = static_cast<int32_t>(*live.value - *script.value);
  if (std::abs(static_cast<int64_t>(drift)) * ts_tick_usecs_ > tolerance) {
    result.problems.push_back(
        "bad outbound TCP timestamp value, tolerance " + std::to_string(tolerance) +
        ": expected: " + std::to_string(*script.value) + " actual: " + std::to_string(*live.value));
  }
}

MatchResult OutboundMatcher::match(const ast::Packet& script, const codec::DecodedPacket& live,
                                   ConnectionState& state, int64_t usecs_since_script_start) const {
  return compare(script, to_script_space(script, live, state), state, usecs_since_script_start);
}

}  // namespace tcpdrill::runtime::packet
