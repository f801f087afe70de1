#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parser/ast_event.h"

namespace tcpdrill::runtime {

// When an event is due, in script microseconds (0 = the first event), after relative
// times have been anchored.
struct EventSchedule {
  ast::TimeSpec::Kind kind = ast::TimeSpec::Kind::Absolute;
  int64_t start_usecs = 0;
  std::optional<int64_t> window_end_usecs;    // A~B windows
  std::optional<int64_t> blocking_end_usecs;  // T...END syscalls
  // What a relative time was added to (0 for absolute ones); relative windows are
  // reported in this frame.
  int64_t anchor_usecs = 0;
  // The previous event's scheduled time, the base of the percentage tolerance; absent
  // for the first event.
  std::optional<int64_t> previous_usecs;
};

struct ToleranceSettings {
  int64_t usecs = 4000;
  double percent = 12.5;
};

// Allowed deviation for something due at `due_usecs` whose interval started at
// `interval_start_usecs`: max(usecs, percent of the interval), like packetdrill.
int64_t tolerance_usecs(const ToleranceSettings& settings, int64_t due_usecs,
                        std::optional<int64_t> interval_start_usecs);

// Checks that something described by `what` ("inbound packet", "system call start" ...)
// happened at `actual_usecs` (script time). Returns the timing error text, or nullopt.
//   timing error: expected inbound packet at 0.250370 sec but happened at 0.200366 sec;
//   tolerance 0.006252 sec (early by 50.004 ms)
std::optional<std::string> check_event_time(const ToleranceSettings& settings,
                                            const EventSchedule& schedule, int64_t actual_usecs,
                                            std::string_view what);

// The return of a blocking syscall: due at blocking_end_usecs with the interval
// END - start as the tolerance base.
std::optional<std::string> check_blocking_return_time(const ToleranceSettings& settings,
                                                      const EventSchedule& schedule,
                                                      int64_t actual_usecs);

// How much earlier than the live clock the event after an outbound packet is anchored.
// A packet the kernel sent (sent_usecs) while the loop waited for it reached the loop
// (received_usecs) after the host's wake-up latency, the sniffer's and then the loop's,
// which packetdrill, whose one thread reads its packet socket, does not have; so that
// time is given back, up to a quarter of the tolerance: a longer wait is a host stall,
// and the next event must still meet its time without it. A packet sent before the
// event began (event_began_usecs) waited for nothing of ours: 0.
int64_t wake_up_latency_credit_usecs(const ToleranceSettings& settings, int64_t event_began_usecs,
                                     int64_t sent_usecs, int64_t received_usecs);

// Whether an outbound packet seen early (at seen_usecs) is early only because the event
// before it ended late: that event ended (the anchor) more than a tolerance after it was
// due, and counted from when it was due instead, the packet would have been on time or
// late. An injection the host stalled, a slow command, or a packet that reached the loop
// long after the kernel sent it moves the anchor; the kernel's send does not move with
// it. Absolute times do not count from the event before: false.
bool early_only_by_previous_overrun(const ToleranceSettings& settings, const EventSchedule& schedule,
                                    int64_t seen_usecs);

// What an event's time is in the error texts.
enum class TimedEventKind : uint8_t {
  InboundPacket, OutboundPacket, Syscall, Command, Code, Assertion,
};
std::string_view describe(TimedEventKind kind);

// Resolves event times in script order with packetdrill's rules: the first event must be
// at 0, absolute times may not go backwards, a relative time counts from when the
// previous event completed (the live clock in script time), except that an inbound
// packet right after an inbound packet counts from that packet's scheduled time so that
// bursts do not drift; a blocking END moves with its start's anchor.
class ScriptTimeline {
 public:
  // `now_usecs`: the live clock now, in script time. Throws TimelineError.
  EventSchedule schedule(const ast::TimeSpec& time, TimedEventKind kind, int64_t now_usecs);

 private:
  std::optional<EventSchedule> previous_;
  ast::TimeSpec::Kind previous_written_ = ast::TimeSpec::Kind::Absolute;
  bool previous_inbound_ = false;
};

class TimelineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "0.250370": script microseconds as seconds with 6 decimals.
std::string format_seconds(int64_t usecs);

// The -v line under an outbound packet whose two times are worth showing (script
// microseconds): the sniffer read it more than a jiffy after the kernel sent it, or the
// kernel's time was lost (nullopt). Empty when there is nothing to say.
std::string sniffed_time_note(std::optional<int64_t> transmit_usecs, int64_t read_usecs,
                              int64_t jiffy_usecs);

}  // namespace tcpdrill::runtime
