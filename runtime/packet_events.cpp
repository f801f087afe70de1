#include "runtime/packet_events.h"

#include <algorithm>
#include <variant>

#include "runtime/clock.h"
#include "runtime/packet/packet_error.h"
#include "runtime/packet/reset_builder.h"
#include "runtime/packet/segment_aggregator.h"
#include "runtime/packet/socket_matching.h"
#include "runtime/packet_failure_text.h"
#include "runtime/timing_blame.h"

namespace tcpdrill::runtime {
namespace {

using packet::ScriptPacketRoute;

constexpr int64_t kSniffGraceUsecs = 2'000'000;
// `*` means "whenever": bounded anyway so that a packet that never comes ends the run
// (packetdrill waits forever; its runner kills a test after 180 s).
constexpr int64_t kAnyTimeSniffUsecs = 180'000'000;
// HZ=250, the most common configuration, where the kernel does not say.
constexpr int64_t kUnknownJiffyUsecs = 4000;

}  // namespace

PacketEvents::PacketEvents(const RunConfig& config, SocketTracker& sockets, PacketDevice& device,
                           const ScriptClock& clock, codec::Endpoints raw_endpoints,
                           std::ostream& log)
    : config_(config),
      sockets_(sockets),
      device_(device),
      clock_(clock),
      raw_endpoints_(std::move(raw_endpoints)),
      log_(log),
      tolerance_{config.tolerance_usecs, config.tolerance_percent},
      jiffy_usecs_(kernel_jiffy_usecs() > 0 ? kernel_jiffy_usecs() : kUnknownJiffyUsecs),
      mapper_(config),
      matcher_(config) {}

packet::ConnectionState& PacketEvents::route(const ast::Packet& script) {
  switch (packet::route_script_packet(script, sockets_.connection_under_test())) {
    case ScriptPacketRoute::NewPassiveChild:
      return sockets_.add_passive_child(script);
    case ScriptPacketRoute::ConnectingSocket: {
      packet::ConnectionState& state = *sockets_.connection_under_test();
      state.bind_script_syn(script);
      return state;
    }
    case ScriptPacketRoute::SocketUnderTest:
    case ScriptPacketRoute::NoSocketNeeded:
      break;
  }
  packet::ConnectionState* state = sockets_.connection_under_test();
  if (state == nullptr) throw packet::PacketError("no matching socket for script packet");
  return *state;
}

void PacketEvents::inject(const ast::Packet& script, const EventSchedule& schedule,
                          bool check_time) {
  codec::Bytes bytes;
  std::string shown;
  const bool tcp = std::holds_alternative<ast::TcpSegment>(script.body);
  if (std::holds_alternative<ast::RawPacket>(script.body)) {
    bytes = codec::encode_packet(script, raw_endpoints_);
    if (config_.verbose) shown = codec::format_packet(script);
  } else {
    packet::ConnectionState& state = route(script);
    // An AnyIP server receives UDP or ICMP before it sent anything that would tell the
    // tuple, so the tuple is the configured one (packetdrill's --is_anyip).
    if (config_.is_anyip && !tcp) {
      const LiveEndpoints& endpoints = sockets_.endpoints();
      state.fill_anyip(endpoints.local_ip, endpoints.bind_port, endpoints.remote_ip,
                       endpoints.connect_port);
    }
    const packet::LivePacket live = mapper_.map(script, state);
    bytes = codec::encode_packet(live.packet, live.endpoints);
    if (config_.verbose) shown = codec::format_packet(live.packet);
  }
  const uint16_t gso_size = tcp ? static_cast<uint16_t>(config_.gro_mss) : 0;

  clock_.wait_until(schedule.start_usecs);
  const int64_t injected = clock_.now();
  device_.inject(bytes, gso_size);
  if (config_.verbose)
    log_ << "inbound injected packet: " << format_seconds(injected) << " " << shown << "\n";
  if (!check_time) return;
  if (auto error = check_event_time(tolerance_, schedule, injected, "inbound packet"))
    throw PacketEventFailure(with_timing_blame(*error, TimedBy::Tcpdrill, schedule.start_usecs, injected));
}

PacketEvents::Collected PacketEvents::collect(const ast::Packet& script,
                                              packet::ConnectionState& state,
                                              const EventSchedule& schedule) {
  const int64_t due = schedule.window_end_usecs.value_or(schedule.start_usecs);
  const int64_t deadline =
      schedule.kind == ast::TimeSpec::Kind::Any
          ? clock_.now() + kAnyTimeSniffUsecs
          : std::max(due, clock_.now()) + kSniffGraceUsecs;
  packet::SegmentAggregator aggregator(script, config_.strict_segments);
  Collected collected;
  for (;;) {
    std::optional<SniffedPacket> sniffed = device_.sniff(clock_.to_clock(deadline));
    if (!sniffed) throw packet::PacketError("Timed out waiting for packet");
    const int64_t received = clock_.now();
    codec::DecodedPacket live;
    try {
      live = codec::decode_packet(sniffed->bytes, ast::Direction::Outbound);
    } catch (const codec::CodecError& error) {
      // Protocols the codec does not model (IPv6 extension headers of MLD reports ...)
      // belong to no scripted socket, as in packetdrill's sniffer.
      if (config_.verbose > 1) log_ << "ignored undecodable packet: " << error.what() << "\n";
      continue;
    }
    const int64_t seen = clock_.from_clock(sniffed->clock_usecs());
    if (!packet::claim_sniffed_packet(state, live)) {
      if (config_.verbose > 1)
        log_ << "ignored packet: " << format_seconds(seen) << " "
             << codec::format_packet(live.packet) << "\n";
      continue;
    }
    if (config_.verbose) {
      log_ << "outbound sniffed packet: " << format_seconds(seen) << " "
           << codec::format_packet(live.packet) << "\n";
      const std::string note = sniffed_time_note(
          sniffed->transmit_usecs ? std::optional(seen) : std::nullopt,
          clock_.from_clock(sniffed->read_usecs), jiffy_usecs_);
      if (!note.empty()) log_ << note << "\n";
    }
    collected.seen_usecs = seen;
    collected.kernel_stamped = sniffed->transmit_usecs.has_value();
    collected.received_usecs = received;
    if (aggregator.add(matcher_.to_script_space(script, live, state))) {
      collected.packet = aggregator.take();
      return collected;
    }
  }
}

PacketEvents::Expected PacketEvents::expect(const ast::Packet& script,
                                            const EventSchedule& schedule) {
  packet::ConnectionState& state = route(script);
  const Collected collected = collect(script, state, schedule);
  const codec::DecodedPacket& actual = collected.packet;
  const int64_t seen = collected.seen_usecs;
  const packet::MatchResult result = matcher_.compare(script, actual, state, schedule.start_usecs);
  std::optional<std::string> timing_error =
      check_event_time(tolerance_, schedule, seen, "outbound packet");
  if (timing_error && early_only_by_previous_overrun(tolerance_, schedule, seen)) {
    *timing_error += "\n  " + previous_event_overran_blame(*schedule.previous_usecs, schedule.anchor_usecs);
  } else if (timing_error) {
    timing_error = with_timing_blame(*timing_error,
                                     collected.kernel_stamped ? TimedBy::KernelPacket : TimedBy::SnifferRead,
                                     schedule.start_usecs, seen);
  }
  if (result.matched() && !timing_error) return {std::nullopt, seen, collected.received_usecs};

  std::string text = outbound_failure_text(result, schedule.start_usecs, seen, timing_error);
  if (config_.non_fatal_packet && !result.fatal) return {std::move(text), seen, collected.received_usecs};
  throw PacketEventFailure(text);
}

void PacketEvents::reset_connections() noexcept {
  for (const packet::ConnectionState* connection : sockets_.tcp_connections()) {
    try {
      if (const std::optional<packet::LivePacket> reset = packet::build_reset(*connection))
        device_.inject(codec::encode_packet(reset->packet, reset->endpoints), 0);
    } catch (const std::exception&) {
      // The namespace is about to go away with everything in it; a lost RST only
      // matters to the kernel state that dies with it.
    }
  }
}

}  // namespace tcpdrill::runtime
