#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "codec/packet_codec.h"
#include "parser/ast_packet.h"
#include "runtime/event_timing.h"
#include "runtime/packet/inbound_packet_mapper.h"
#include "runtime/packet/outbound_matcher.h"
#include "runtime/packet_device.h"
#include "runtime/run_config.h"
#include "runtime/script_clock.h"
#include "runtime/socket_tracker.h"

namespace tcpdrill::runtime {

// A packet event failed; the text is the whole message (dumps included).
class PacketEventFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs `<` and `>` events against a PacketDevice through the packet path: socket
// routing, sequence mapping, encoding, sniffing, aggregation, matching and the time
// checks. Main thread only.
class PacketEvents {
 public:
  PacketEvents(const RunConfig& config, SocketTracker& sockets, PacketDevice& device,
               const ScriptClock& clock, codec::Endpoints raw_endpoints, std::ostream& log);

  // Maps and encodes the packet, waits until it is due, injects it and checks the time
  // it went out (unless check_time is false: the first event defines time 0).
  // Throws PacketEventFailure, packet::PacketError, codec::CodecError, NetdevError.
  void inject(const ast::Packet& script, const EventSchedule& schedule, bool check_time);

  struct Expected {
    // With --non_fatal=packet, the mismatch or timing error that was not thrown.
    std::optional<std::string> warning;
    // When the kernel sent the (last part of the) packet; when the sniffer read it where
    // the device has no transmit times.
    int64_t sent_usecs = 0;
    // When the event loop got it from the device.
    int64_t received_usecs = 0;
  };
  // Sniffs until the socket under test sent the (aggregated) packet, then compares it.
  // Throws like inject().
  Expected expect(const ast::Packet& script, const EventSchedule& schedule);

  // End of test: an RST for every TCP connection the kernel may still hold (§4.9).
  // Best effort: a connection whose RST cannot be built or sent is skipped.
  void reset_connections() noexcept;

 private:
  packet::ConnectionState& route(const ast::Packet& script);
  // The (aggregated) packet with the time of its last part.
  struct Collected {
    codec::DecodedPacket packet;
    int64_t seen_usecs = 0;
    bool kernel_stamped = true;  // seen_usecs is the kernel's transmit time
    int64_t received_usecs = 0;  // when the device handed the last part over
  };
  Collected collect(const ast::Packet& script, packet::ConnectionState& state,
                    const EventSchedule& schedule);
  const RunConfig& config_;
  SocketTracker& sockets_;
  PacketDevice& device_;
  const ScriptClock& clock_;
  codec::Endpoints raw_endpoints_;
  std::ostream& log_;
  ToleranceSettings tolerance_;
  // A sniffer this much later than the kernel's stamp is worth showing in -v output.
  int64_t jiffy_usecs_;
  packet::InboundPacketMapper mapper_;
  packet::OutboundMatcher matcher_;
};

}  // namespace tcpdrill::runtime
