#include "runtime/event_timing.h"

#include <gtest/gtest.h>

namespace tcpdrill::runtime {
namespace {

using Kind = ast::TimeSpec::Kind;

ast::TimeSpec absolute(int64_t usecs) { return {Kind::Absolute, usecs, {}, {}}; }
ast::TimeSpec relative(int64_t usecs) { return {Kind::Relative, usecs, {}, {}}; }

TEST(ToleranceTest, IsTheLargerOfAbsoluteAndPercentOfTheGap) {
  const ToleranceSettings settings{4000, 12.5};
  EXPECT_EQ(tolerance_usecs(settings, 10'000, 0), 4000);
  EXPECT_EQ(tolerance_usecs(settings, 1'000'000, 200'000), 100'000);
  EXPECT_EQ(tolerance_usecs(settings, 500'000, std::nullopt), 4000);
}

TEST(SniffedTimeNoteTest, ShowsBothTimesOnlyWhenTheSnifferWasMoreThanAJiffyLate) {
  EXPECT_EQ(sniffed_time_note(100'000, 104'000, 4000), "");
  EXPECT_EQ(sniffed_time_note(100'000, 104'001, 4000),
            "  (sent by the kernel at 0.100000, read by tcpdrill's sniffer 0.004001 sec later, "
            "at 0.104001; its time is the kernel's)");
  EXPECT_EQ(sniffed_time_note(std::nullopt, 104'001, 4000),
            "  (read by tcpdrill's sniffer at 0.104001; the kernel's transmit time was lost)");
}

TEST(WakeUpLatencyCreditTest, IsTheWaitOfAPacketSentWhileTheLoopWaited) {
  const ToleranceSettings settings{4000, 12.5};
  // Began at 10 ms; the kernel sent at 17 ms; the loop had it 150 us later.
  EXPECT_EQ(wake_up_latency_credit_usecs(settings, 10'000, 17'000, 17'150), 150);
  // Queued before the event began: nothing of ours was waited for.
  EXPECT_EQ(wake_up_latency_credit_usecs(settings, 10'000, 9'900, 10'150), 0);
  EXPECT_EQ(wake_up_latency_credit_usecs(settings, 10'000, 10'000, 10'150), 0);
  // A host stall is given back only up to a quarter of the tolerance.
  EXPECT_EQ(wake_up_latency_credit_usecs(settings, 10'000, 17'000, 25'000), 1000);
  EXPECT_EQ(wake_up_latency_credit_usecs({20'000, 12.5}, 10'000, 17'000, 25'000), 5000);
  // A read time before the send (a clock step) gives nothing back.
  EXPECT_EQ(wake_up_latency_credit_usecs(settings, 10'000, 17'000, 16'990), 0);
}

EventSchedule relative_after(int64_t previous_due, int64_t previous_end, int64_t offset) {
  EventSchedule schedule;
  schedule.kind = Kind::Relative;
  schedule.previous_usecs = previous_due;
  schedule.anchor_usecs = previous_end;
  schedule.start_usecs = previous_end + offset;
  return schedule;
}

TEST(EarlyOnlyByPreviousOverrunTest, BlamesAnEventBeforeThatEndedLateWhenThePacketWasOnTimeWithoutIt) {
  const ToleranceSettings settings{4000, 12.5};
  // Two segments of one write, sent together at 65.2 ms; the loop had the first 10.3 ms
  // later (a host stall), so the second, due +0 after it, looks early.
  EXPECT_TRUE(early_only_by_previous_overrun(settings, relative_after(65'207, 75'544, 0), 65'203));
  // A retransmit the kernel sent during a command that ran 500 ms.
  EXPECT_TRUE(early_only_by_previous_overrun(settings, relative_after(10'000, 510'000, 0), 300'000));
  // The event before ended within its tolerance: the packet itself was early.
  EXPECT_FALSE(early_only_by_previous_overrun(settings, relative_after(10'000, 13'000, 20'000), 10'000));
  // Due 200 ms after the event before: early even counted from when that one was due.
  EXPECT_FALSE(early_only_by_previous_overrun(settings, relative_after(10'000, 60'000, 200'000), 60'000));
  // Not early at all.
  EXPECT_FALSE(early_only_by_previous_overrun(settings, relative_after(10'000, 60'000, 0), 60'000));
  // An absolute time does not count from the event before.
  EventSchedule absolute_time = relative_after(10'000, 60'000, 0);
  absolute_time.kind = Kind::Absolute;
  EXPECT_FALSE(early_only_by_previous_overrun(settings, absolute_time, 30'000));
}

TEST(EventTimeCheckTest, PointEventInsideToleranceIsOnTime) {
  EventSchedule schedule;
  schedule.start_usecs = 100'000;
  schedule.previous_usecs = 0;
  EXPECT_FALSE(check_event_time({4000, 12.5}, schedule, 112'000, "inbound packet"));
  EXPECT_FALSE(check_event_time({4000, 12.5}, schedule, 88'000, "inbound packet"));
  EXPECT_TRUE(check_event_time({4000, 12.5}, schedule, 113'000, "inbound packet"));
}

TEST(EventTimeCheckTest, EarlyPacketMessageMatchesPacketdrillPlusDeviation) {
  EventSchedule schedule;
  schedule.start_usecs = 250'370;
  schedule.previous_usecs = 250'370 - 50'016;
  const auto error = check_event_time({4000, 12.5}, schedule, 200'366, "inbound packet");
  ASSERT_TRUE(error);
  EXPECT_EQ(*error,
            "timing error: expected inbound packet at 0.250370 sec but happened at 0.200366 sec; "
            "tolerance 0.006252 sec (early by 50.004 ms)");
}

TEST(EventTimeCheckTest, LateEventSaysLate) {
  EventSchedule schedule;
  schedule.start_usecs = 100'000;
  const auto error = check_event_time({4000, 12.5}, schedule, 150'004, "outbound packet");
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("(late by 50.004 ms)"), std::string::npos) << *error;
}

TEST(EventTimeCheckTest, WindowsAcceptAnythingBetweenTheirEndsPlusTolerance) {
  EventSchedule schedule;
  schedule.kind = Kind::Absolute;
  schedule.start_usecs = 100'000;
  schedule.window_end_usecs = 300'000;
  EXPECT_FALSE(check_event_time({4000, 0}, schedule, 250'000, "outbound packet"));
  const auto error = check_event_time({4000, 0}, schedule, 310'000, "outbound packet");
  ASSERT_TRUE(error);
  EXPECT_EQ(*error,
            "timing error: expected outbound packet in time range 0.100000~0.300000 sec but "
            "happened at 0.310000 sec (late by 6.000 ms)");
}

TEST(EventTimeCheckTest, RelativeWindowsAreReportedFromTheirAnchor) {
  EventSchedule schedule;
  schedule.kind = Kind::Relative;
  schedule.anchor_usecs = 1'000'000;
  schedule.start_usecs = 1'100'000;
  schedule.window_end_usecs = 1'200'000;
  const auto error = check_event_time({4000, 0}, schedule, 1'050'000, "outbound packet");
  ASSERT_TRUE(error);
  EXPECT_EQ(*error,
            "timing error: expected outbound packet in relative time range +0.100000~+0.200000 "
            "sec but happened at +0.050000 sec (early by 46.000 ms)");
}

TEST(EventTimeCheckTest, AnyTimeNeverFails) {
  EventSchedule schedule;
  schedule.kind = Kind::Any;
  EXPECT_FALSE(check_event_time({0, 0}, schedule, 99'000'000, "outbound packet"));
}

TEST(EventTimeCheckTest, BlockingReturnUsesTheCallsOwnSpanForTheTolerance) {
  EventSchedule schedule;
  schedule.start_usecs = 0;
  schedule.blocking_end_usecs = 1'000'000;  // 12.5 % of 1 s = 125 ms
  EXPECT_FALSE(check_blocking_return_time({4000, 12.5}, schedule, 1'120'000));
  const auto error = check_blocking_return_time({4000, 12.5}, schedule, 1'130'000);
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("expected system call return at 1.000000 sec"), std::string::npos) << *error;
}

TEST(ScriptTimelineTest, FirstEventMustBeAtZero) {
  ScriptTimeline timeline;
  EXPECT_THROW(timeline.schedule(absolute(1000), TimedEventKind::Syscall, 0), TimelineError);
}

TEST(ScriptTimelineTest, RelativeTimesCountFromWhenThePreviousEventCompleted) {
  ScriptTimeline timeline;
  timeline.schedule(absolute(0), TimedEventKind::Syscall, 0);
  const EventSchedule next = timeline.schedule(relative(100'000), TimedEventKind::Syscall, 1'234);
  EXPECT_EQ(next.anchor_usecs, 1'234);
  EXPECT_EQ(next.start_usecs, 101'234);
  EXPECT_EQ(next.previous_usecs, 0);
}

TEST(ScriptTimelineTest, InboundAfterInboundCountsFromThePreviousScheduledTime) {
  ScriptTimeline timeline;
  timeline.schedule(absolute(0), TimedEventKind::InboundPacket, 0);
  const EventSchedule second = timeline.schedule(relative(1000), TimedEventKind::InboundPacket, 700);
  EXPECT_EQ(second.start_usecs, 1000);
  const EventSchedule third = timeline.schedule(relative(1000), TimedEventKind::InboundPacket, 1900);
  EXPECT_EQ(third.start_usecs, 2000);
  const EventSchedule after_syscall = timeline.schedule(relative(0), TimedEventKind::Syscall, 2050);
  EXPECT_EQ(after_syscall.start_usecs, 2050);
  const EventSchedule inbound = timeline.schedule(relative(500), TimedEventKind::InboundPacket, 2100);
  EXPECT_EQ(inbound.start_usecs, 2600);
}

TEST(ScriptTimelineTest, BlockingEndMovesWithTheAnchor) {
  ScriptTimeline timeline;
  timeline.schedule(absolute(0), TimedEventKind::Syscall, 0);
  const EventSchedule call =
      timeline.schedule({Kind::Relative, 90'000, {}, 140'000}, TimedEventKind::Syscall, 10'000);
  EXPECT_EQ(call.start_usecs, 100'000);
  EXPECT_EQ(call.blocking_end_usecs, 150'000);
}

TEST(ScriptTimelineTest, AbsoluteTimesMayNotGoBackwards) {
  ScriptTimeline timeline;
  timeline.schedule(absolute(0), TimedEventKind::Syscall, 0);
  timeline.schedule(absolute(1'000'000), TimedEventKind::Syscall, 5);
  try {
    timeline.schedule(absolute(500'000), TimedEventKind::Syscall, 1'000'100);
    FAIL() << "no error";
  } catch (const TimelineError& error) {
    EXPECT_STREQ(error.what(), "time goes backward in script from 1000000 usec to 500000 usec");
  }
}

TEST(ScriptTimelineTest, AbsoluteAfterRelativeMayBeEarlierThanTheAnchoredTime) {
  ScriptTimeline timeline;
  timeline.schedule(absolute(0), TimedEventKind::Syscall, 0);
  timeline.schedule(relative(100'000), TimedEventKind::Syscall, 50);
  EXPECT_NO_THROW(timeline.schedule(absolute(100'000), TimedEventKind::Syscall, 100'100));
}

}  // namespace
}  // namespace tcpdrill::runtime
