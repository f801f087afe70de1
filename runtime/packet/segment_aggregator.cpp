#include "runtime/packet/segment_aggregator.h"

#include <string>
#include <variant>

#include "runtime/packet/match_result.h"
#include "runtime/packet/packet_error.h"

namespace tcpdrill::runtime::packet {

namespace {

uint32_t payload_length(const ast::Packet& packet) {
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&packet.body)) return tcp->payload_length;
  if (const auto* udp = std::get_if<ast::UdpDatagram>(&packet.body)) return udp->payload_length;
  return 0;
}

bool same_tuple(const codec::WireFields& a, const codec::WireFields& b) {
  return a.source == b.source && a.destination == b.destination && a.source_port == b.source_port &&
         a.destination_port == b.destination_port;
}

// packetdrill's lenient header comparison between consecutive fragments: what a TSO
// split keeps equal. FIN, PSH and CWR may differ (only the first or last segment
// carries them), lengths obviously do, and seq must continue where the previous
// fragment ended.
void compare_fragment_headers(const codec::DecodedPacket& previous,
                              const codec::DecodedPacket& current, MatchResult& result) {
  const auto& before = previous.wire;
  const auto& now = current.wire;
  const size_t previous_layers = previous.packet.outer_headers.size() + 2;
  const size_t current_layers = current.packet.outer_headers.size() + 2;
  if (previous_layers != current_layers ||
      previous.packet.body.index() != current.packet.body.index()) {
    result.problems.push_back(
        "aggregate candidate packet header layers: expected: " + std::to_string(previous_layers) +
        " headers of the previous fragment's types vs actual: " + std::to_string(current_layers) +
        " headers");
    return;
  }
  result.check(now.family == codec::IpFamily::V4 ? "ipv4_protocol" : "ipv6_next_header",
               before.ip_protocol, now.ip_protocol);
  if (now.family == codec::IpFamily::V4) {
    result.check("ipv4_header_length", before.ip_header_length / 4, now.ip_header_length / 4);
  }
  result.check("ttl", before.ttl, now.ttl);

  const auto* expected = std::get_if<ast::TcpSegment>(&previous.packet.body);
  const auto* got = std::get_if<ast::TcpSegment>(&current.packet.body);
  if (expected == nullptr || got == nullptr) return;
  result.check("tcp_data_offset", before.tcp_data_offset / 4, now.tcp_data_offset / 4);
  result.check("tcp_syn", expected->flags.syn, got->flags.syn);
  result.check("tcp_rst", expected->flags.rst, got->flags.rst);
  result.check("tcp_ack", expected->flags.ack, got->flags.ack);
  result.check("tcp_urg", expected->flags.urg, got->flags.urg);
  result.check("tcp_ece", expected->flags.ece, got->flags.ece);
  result.check("tcp_ae", expected->flags.ae, got->flags.ae);
  result.check("tcp_reserved_bits", before.tcp_reserved_bits, now.tcp_reserved_bits);
  result.check("tcp_seq",
               static_cast<uint32_t>(expected->start_sequence + expected->payload_length),
               got->start_sequence);
  result.check("tcp_ack_seq", expected->ack.value_or(0), got->ack.value_or(0));
  result.check("tcp_window", expected->window.value_or(0), got->window.value_or(0));
  result.check("tcp_urg_ptr", expected->urgent_pointer.value_or(0),
               got->urgent_pointer.value_or(0));
}

const std::optional<ast::Bytes>* payload_of(const ast::Packet& packet) {
  if (const auto* tcp = std::get_if<ast::TcpSegment>(&packet.body)) return &tcp->payload;
  if (const auto* udp = std::get_if<ast::UdpDatagram>(&packet.body)) return &udp->payload;
  return nullptr;
}

// Concatenates the fragments' payloads; stays nullopt (all zeros) until a fragment
// carries bytes.
std::optional<ast::Bytes> merged_payload(const std::vector<codec::DecodedPacket>& fragments) {
  std::optional<ast::Bytes> merged;
  uint32_t gathered = 0;
  for (const auto& fragment : fragments) {
    const auto* bytes = payload_of(fragment.packet);
    const uint32_t length = payload_length(fragment.packet);
    if (bytes != nullptr && bytes->has_value()) {
      if (!merged) merged = ast::Bytes(gathered, 0);
      merged->insert(merged->end(), (*bytes)->begin(), (*bytes)->end());
    } else if (merged) {
      merged->insert(merged->end(), length, 0);
    }
    gathered += length;
  }
  return merged;
}

}  // namespace

SegmentAggregator::SegmentAggregator(const ast::Packet& script, bool strict_segments,
                                     PacketFormatter format)
    : script_(script),
      expected_payload_(payload_length(script)),
      strict_(strict_segments),
      format_(std::move(format)) {}

bool SegmentAggregator::add(codec::DecodedPacket fragment) {
  const uint32_t length = payload_length(fragment.packet);
  if (!fragments_.empty() && !same_tuple(fragments_.back().wire, fragment.wire)) {
    fragments_.clear();
    gathered_payload_ = 0;
  }
  if (!fragments_.empty()) {
    const auto& previous = fragments_.back();
    MatchResult result;
    compare_fragment_headers(previous, fragment, result);
    const uint32_t previous_length = payload_length(previous.packet);
    const bool last = gathered_payload_ + length >= expected_payload_;
    if (!last && length != previous_length) {
      result.problems.push_back("fragment payload: expected " + std::to_string(previous_length) +
                                " bytes vs actual " + std::to_string(length) +
                                " bytes; total payload: expected " +
                                std::to_string(expected_payload_) + " bytes vs actual " +
                                std::to_string(gathered_payload_ + length) + " bytes");
    }
    if (!result.matched()) {
      std::string message = result.describe() + "\n   script packet: " + format_(script_);
      fragments_.push_back(std::move(fragment));
      for (size_t i = 0; i < fragments_.size(); ++i) {
        message += "\nactual #" + std::to_string(i) + " packet: " + format_(fragments_[i].packet);
      }
      throw PacketError(message);
    }
  }
  fragments_.push_back(std::move(fragment));
  gathered_payload_ += length;
  return strict_ || gathered_payload_ >= expected_payload_;
}

codec::DecodedPacket SegmentAggregator::take() {
  if (gathered_payload_ != expected_payload_) {
    throw PacketError("live packet payload: expected " + std::to_string(expected_payload_) +
                      " bytes vs actual " + std::to_string(gathered_payload_) + " bytes");
  }
  if (fragments_.size() == 1) return std::move(fragments_.front());

  codec::DecodedPacket merged = fragments_.back();
  const uint32_t extra = gathered_payload_ - payload_length(merged.packet);
  merged.wire.ip_total_length = static_cast<uint16_t>(merged.wire.ip_total_length + extra);
  const auto bytes = merged_payload(fragments_);
  if (auto* tcp = std::get_if<ast::TcpSegment>(&merged.packet.body)) {
    const auto& first = std::get<ast::TcpSegment>(fragments_.front().packet.body);
    tcp->start_sequence = first.start_sequence;
    tcp->end_sequence = first.start_sequence + gathered_payload_;
    tcp->payload_length = gathered_payload_;
    tcp->payload = bytes;
    tcp->flags.cwr = first.flags.cwr;
  } else if (auto* udp = std::get_if<ast::UdpDatagram>(&merged.packet.body)) {
    udp->payload_length = gathered_payload_;
    udp->payload = bytes;
    merged.wire.udp_length = static_cast<uint16_t>(merged.wire.udp_length + extra);
  }
  fragments_.clear();
  gathered_payload_ = 0;
  return merged;
}

}  // namespace tcpdrill::runtime::packet
