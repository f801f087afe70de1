#pragma once

#include <array>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/congestion_info.h"
#include "runtime/packet_tap.h"
#include "runtime/priority_inheritance_mutex.h"
#include "runtime/script_clock.h"
#include "runtime/socket_tracker.h"
#include "runtime/tcp_info_snapshot.h"
#include "trace/state_timeline.h"

namespace tcpdrill::runtime {

// When an event of the script finished, for failure reports.
struct EventTime {
  uint32_t line = 0;
  int64_t clock_usecs = 0;
};

// Records what a run did: every packet the device saw, the time each event finished,
// and (unless sampling is off) TCP_INFO, TCP_CONGESTION and TCP_CC_INFO of every open
// TCP socket of the script after each event that is not a packet and at each packet,
// injected or sniffed. Sampling at a sniffed packet happens on the sniffer's thread the
// moment the packet is read, so the row shows the state the kernel sent it in.
// Raw values are kept; timeline() turns them into script time and script notation once
// the run is over.
class StateRecorder final : public PacketTap {
 public:
  explicit StateRecorder(bool sample_state);

  // The sockets to sample from now on; the event loop passes them after every event.
  void watch(std::vector<OpenSocket> sockets);
  // An event starts. The rows of packets from now on carry its line when it is a packet
  // event, else the line of the event that finished last (whose effect a packet the
  // kernel sends meanwhile most likely is).
  void event_started(uint32_t line, bool packet_event);
  // An event finished at clock_usecs; `what` names it in the rows ("write", "command").
  // Packet events pass sample = false: their packets were sampled as they went by.
  void event_finished(uint32_t line, std::string_view what, int64_t clock_usecs, bool sample);

  void on_packet(ast::Direction direction, std::span<const uint8_t> ip_packet,
                 int64_t clock_usecs) override;

  // The record in script time, TCP sequence numbers in script space as far as one of
  // `connections` knows the flow (else as on the wire).
  trace::StateTimeline timeline(const ScriptClock& clock,
                                const std::vector<const packet::ConnectionState*>& connections) const;
  std::vector<EventTime> events() const;

 private:
  // Compact, because recording may not cost the run its timing: a sample is the timeline
  // columns' values, not the whole TCP_INFO, and names are indexes into small tables.
  // Storage is reserved up front, so a sample rarely touches a page for the first time
  // (after the sweeper's fork a first write to a page costs a copy and a TLB flush on
  // every CPU the run's threads use).
  struct Sample {
    int64_t clock_usecs = 0;
    uint32_t line = 0;
    int32_t script_fd = -1;
    int32_t packet = -1;        // index into packets_, -1: none
    uint16_t event = 0;         // index into names_
    uint16_t congestion = 0;    // index into congestions_
    uint32_t present = 0;       // bit i: values[i] was returned by the kernel
    std::array<uint64_t, trace::kTcpInfoColumnCount> values{};
  };
  struct RawPacket {
    int64_t clock_usecs = 0;
    ast::Direction direction = ast::Direction::Inbound;
    std::size_t offset = 0, length = 0;  // in packet_bytes_
  };

  // Called with mutex_ held. The congestion control (and its TCP_CC_INFO) is read
  // again only after events: only a call can change it.
  void sample_sockets(int64_t clock_usecs, std::string_view event, int32_t packet,
                      bool read_congestion);
  uint16_t name_index(std::string_view name);
  uint16_t congestion_index(const CongestionInfo& congestion);

  const bool sample_state_;
  mutable PriorityInheritanceMutex mutex_;  // the sniffer samples under it
  std::vector<OpenSocket> watched_;
  std::map<int, uint16_t> congestion_of_fd_;  // by live fd, as read after the last event
  uint32_t current_line_ = 0;
  std::vector<RawPacket> packets_;
  std::vector<uint8_t> packet_bytes_;
  std::vector<Sample> samples_;
  std::vector<EventTime> events_;
  std::vector<std::string> names_;
  std::vector<CongestionInfo> congestions_;
  // Congestion controls whose TCP_CC_INFO came back empty: not asked again.
  std::map<std::string, bool, std::less<>> reports_nothing_;
};

}  // namespace tcpdrill::runtime
