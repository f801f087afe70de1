#include "runtime/timing_blame.h"

#include <cstdio>

namespace tcpdrill::runtime {
namespace {

// "7.189 ms"
std::string milliseconds_text(int64_t usecs) {
  char text[48];
  std::snprintf(text, sizeof text, "%.3f ms", static_cast<double>(usecs) / 1e3);
  return text;
}

}  // namespace

std::string timing_blame(TimedBy by, bool late, int64_t late_usecs) {
  switch (by) {
    case TimedBy::KernelPacket:
      return late ? "the kernel sent this packet late: its time is the kernel's own transmit "
                    "time, so no delay of tcpdrill's sniffer is in it"
                  : "the kernel sent this packet early: the stack did not wait as long as the "
                    "script expects";
    case TimedBy::SnifferRead:
      return late ? "the kernel sent this packet late, or the host stalled tcpdrill's sniffer: "
                    "the kernel's transmit time was lost, so its time is when the sniffer read it"
                  : "the kernel sent this packet early: the stack did not wait as long as the "
                    "script expects";
    case TimedBy::KernelReturn:
      return std::string("the kernel returned from this call ") + (late ? "late" : "early");
    case TimedBy::Tcpdrill:
      break;
  }
  if (!late) return "tcpdrill ran this event early, anchored on an earlier event that ran early";
  const std::string by_how_much = milliseconds_text(late_usecs);
  // Two lines: a message line is cut at 200 columns.
  return std::string("tcpdrill ran this event ") + by_how_much +
         " after it was due: a host stall (a busy CPU, a paused vCPU, a slow command), not the "
         "kernel under test\n  `tcpdrill run --retry-timing N` reruns such failures; --vm runs "
         "scripts on a virtual clock that does not stall";
}

std::string previous_event_overran_blame(int64_t previous_due_usecs, int64_t previous_end_usecs) {
  const std::string by_how_much = milliseconds_text(previous_end_usecs - previous_due_usecs);
  return std::string("the event before this packet ended ") + by_how_much +
         " after it was due (a host stall, or an event that takes that long), and this packet's "
         "time counts from that end; counted from when that event was due, the packet was not "
         "early: it is not the stack that was early";
}

std::string with_timing_blame(const std::string& error, TimedBy by, int64_t due_usecs,
                              int64_t actual_usecs) {
  return error + "\n  " + timing_blame(by, actual_usecs > due_usecs, actual_usecs - due_usecs);
}

}  // namespace tcpdrill::runtime
