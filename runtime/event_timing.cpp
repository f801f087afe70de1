#include "runtime/event_timing.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace tcpdrill::runtime {
namespace {

using Kind = ast::TimeSpec::Kind;

std::string format_signed_seconds(int64_t usecs) {
  char text[48];
  std::snprintf(text, sizeof text, "%+.6f", static_cast<double>(usecs) / 1e6);
  return text;
}

// "(late by 50.004 ms)": how far outside the allowed point or window the event was,
// which is what a reader wants to know before deciding on a tolerance.
std::string deviation_note(int64_t actual_usecs, int64_t earliest_usecs, int64_t latest_usecs) {
  const bool late = actual_usecs > latest_usecs;
  const int64_t off = late ? actual_usecs - latest_usecs : earliest_usecs - actual_usecs;
  char text[64];
  std::snprintf(text, sizeof text, " (%s by %.3f ms)", late ? "late" : "early",
                static_cast<double>(off) / 1e3);
  return text;
}

std::optional<std::string> check_point(int64_t due, int64_t actual, int64_t tolerance,
                                       std::string_view what) {
  if (actual >= due - tolerance && actual <= due + tolerance) return std::nullopt;
  return "timing error: expected " + std::string(what) + " at " + format_seconds(due) +
         " sec but happened at " + format_seconds(actual) + " sec; tolerance " +
         format_seconds(tolerance) + " sec" + deviation_note(actual, due, due);
}

}  // namespace

std::string format_seconds(int64_t usecs) {
  char text[48];
  std::snprintf(text, sizeof text, "%.6f", static_cast<double>(usecs) / 1e6);
  return text;
}

std::string sniffed_time_note(std::optional<int64_t> transmit_usecs, int64_t read_usecs,
                              int64_t jiffy_usecs) {
  if (!transmit_usecs)
    return "  (read by tcpdrill's sniffer at " + format_seconds(read_usecs) +
           "; the kernel's transmit time was lost)";
  if (read_usecs - *transmit_usecs <= jiffy_usecs) return "";
  return "  (sent by the kernel at " + format_seconds(*transmit_usecs) +
         ", read by tcpdrill's sniffer " + format_seconds(read_usecs - *transmit_usecs) +
         " sec later, at " + format_seconds(read_usecs) + "; its time is the kernel's)";
}

int64_t tolerance_usecs(const ToleranceSettings& settings, int64_t due_usecs,
                        std::optional<int64_t> interval_start_usecs) {
  if (!interval_start_usecs) return settings.usecs;
  const double relative =
      settings.percent / 100.0 * static_cast<double>(due_usecs - *interval_start_usecs);
  return std::max(settings.usecs, static_cast<int64_t>(relative));
}

std::optional<std::string> check_event_time(const ToleranceSettings& settings,
                                            const EventSchedule& schedule, int64_t actual_usecs,
                                            std::string_view what) {
  if (schedule.kind == Kind::Any) return std::nullopt;
  const int64_t tolerance = tolerance_usecs(settings, schedule.start_usecs, schedule.previous_usecs);
  if (!schedule.window_end_usecs)
    return check_point(schedule.start_usecs, actual_usecs, tolerance, what);

  const int64_t earliest = schedule.start_usecs - tolerance;
  const int64_t latest = *schedule.window_end_usecs + tolerance;
  if (actual_usecs >= earliest && actual_usecs <= latest) return std::nullopt;
  std::string text = "timing error: expected " + std::string(what);
  if (schedule.kind == Kind::Relative) {
    const int64_t anchor = schedule.anchor_usecs;
    text += " in relative time range " + format_signed_seconds(schedule.start_usecs - anchor) +
            "~" + format_signed_seconds(*schedule.window_end_usecs - anchor) +
            " sec but happened at " + format_signed_seconds(actual_usecs - anchor) + " sec";
  } else {
    text += " in time range " + format_seconds(schedule.start_usecs) + "~" +
            format_seconds(*schedule.window_end_usecs) + " sec but happened at " +
            format_seconds(actual_usecs) + " sec";
  }
  return text + deviation_note(actual_usecs, earliest, latest);
}

std::optional<std::string> check_blocking_return_time(const ToleranceSettings& settings,
                                                      const EventSchedule& schedule,
                                                      int64_t actual_usecs) {
  if (!schedule.blocking_end_usecs) return std::nullopt;
  const int64_t due = *schedule.blocking_end_usecs;
  return check_point(due, actual_usecs, tolerance_usecs(settings, due, schedule.start_usecs),
                     "system call return");
}

int64_t wake_up_latency_credit_usecs(const ToleranceSettings& settings, int64_t event_began_usecs,
                                     int64_t sent_usecs, int64_t received_usecs) {
  if (sent_usecs <= event_began_usecs) return 0;
  return std::clamp<int64_t>(received_usecs - sent_usecs, 0, settings.usecs / 4);
}

bool early_only_by_previous_overrun(const ToleranceSettings& settings, const EventSchedule& schedule,
                                    int64_t seen_usecs) {
  if (schedule.kind == ast::TimeSpec::Kind::Absolute || !schedule.previous_usecs) return false;
  if (seen_usecs >= schedule.start_usecs) return false;
  const int64_t tolerance = tolerance_usecs(settings, schedule.start_usecs, schedule.previous_usecs);
  const int64_t overrun = schedule.anchor_usecs - *schedule.previous_usecs;
  if (overrun <= tolerance) return false;
  return seen_usecs >= schedule.start_usecs - overrun - tolerance;
}

std::string_view describe(TimedEventKind kind) {
  switch (kind) {
    case TimedEventKind::InboundPacket: return "inbound packet";
    case TimedEventKind::OutboundPacket: return "outbound packet";
    case TimedEventKind::Syscall: return "system call start";
    case TimedEventKind::Command: return "command";
    case TimedEventKind::Code: return "data collection for code";
    case TimedEventKind::Assertion: return "assertion";
  }
  return "event";
}

EventSchedule ScriptTimeline::schedule(const ast::TimeSpec& time, TimedEventKind kind,
                                       int64_t now_usecs) {
  const bool inbound = kind == TimedEventKind::InboundPacket;
  EventSchedule next;
  next.kind = time.kind;
  if (!previous_) {
    // Script time 0 is defined as the first event, so it needs no anchor.
    if (time.usecs != 0) throw TimelineError("first event should be at time 0");
    next.start_usecs = 0;
    next.blocking_end_usecs = time.blocking_end_usecs;
  } else {
    if (time.kind == Kind::Absolute && previous_written_ == Kind::Absolute &&
        time.usecs < previous_->start_usecs) {
      throw TimelineError("time goes backward in script from " +
                          std::to_string(previous_->start_usecs) + " usec to " +
                          std::to_string(time.usecs) + " usec");
    }
    if (time.kind != Kind::Absolute)
      next.anchor_usecs = inbound && previous_inbound_ ? previous_->start_usecs : now_usecs;
    next.start_usecs = time.usecs + next.anchor_usecs;
    if (time.range_end_usecs) next.window_end_usecs = *time.range_end_usecs + next.anchor_usecs;
    if (time.blocking_end_usecs)
      next.blocking_end_usecs = *time.blocking_end_usecs + next.anchor_usecs;
    next.previous_usecs = previous_->start_usecs;
  }
  previous_ = next;
  previous_written_ = time.kind;
  previous_inbound_ = inbound;
  return next;
}

}  // namespace tcpdrill::runtime
