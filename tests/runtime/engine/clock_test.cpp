#include "runtime/clock.h"

#include <gtest/gtest.h>
#include <time.h>

#include <algorithm>
#include <sstream>

#include "runtime/realtime_scheduling.h"

namespace tcpdrill::runtime {
namespace {

int64_t coarse_usecs() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
  return int64_t{now.tv_sec} * 1'000'000 + now.tv_nsec / 1000;
}

// The moment CLOCK_MONOTONIC_COARSE next steps, on CLOCK_MONOTONIC: a kernel tick.
int64_t next_tick_usecs(HostClock& clock) {
  const int64_t last_step = coarse_usecs();
  while (coarse_usecs() == last_step) {
  }
  return clock.now_usecs();
}

TEST(HostClockTest, ScriptStartsJustPastAKernelTickWithinOneJiffy) {
  timespec resolution{};
  clock_getres(CLOCK_MONOTONIC_COARSE, &resolution);
  const int64_t jiffy = resolution.tv_nsec / 1000;
  HostClock clock;
  // As in a run, real-time where permitted: a preemption while spinning for a tick
  // delays seeing it. The phase is taken from the best of three tries all the same.
  std::ostringstream log;
  const RealtimeScheduling realtime(false, log);
  double best_error = 1e9;
  for (int attempt = 0; attempt < 3; ++attempt) {
    const int64_t before = clock.now_usecs();
    const int64_t start = clock.script_start_usecs(0);
    EXPECT_GT(start, before);
    // A tick can come late when the CPU keeping time idles; the clock gives up after two.
    EXPECT_LE(start, before + 2 * jiffy + HostClock::kJiffyOffsetUsecs + 1000);
    // The tick just before the start is kJiffyOffsetUsecs earlier; the next ones follow
    // on the same grid, a whole number of jiffies later.
    const int64_t tick = start - HostClock::kJiffyOffsetUsecs;
    const int64_t phase = ((next_tick_usecs(clock) - tick) % jiffy + jiffy) % jiffy;
    best_error = std::min(best_error, static_cast<double>(std::min(phase, jiffy - phase)));
  }
  EXPECT_LT(best_error, 100.0) << "the start is not on the kernel's tick grid";
}

TEST(HostClockTest, ScriptStartsAfterTheLeadOnTheNextTick) {
  const int64_t jiffy = kernel_jiffy_usecs();
  HostClock clock;
  const int64_t before = clock.now_usecs();
  const int64_t start = clock.script_start_usecs(30'000);
  EXPECT_GE(start, before + 30'000);
  EXPECT_LE(start, before + 30'000 + 2 * jiffy + HostClock::kJiffyOffsetUsecs + 1000);
}

TEST(HostClockTest, WaitUntilReturnsAtTheDeadlineNotBefore) {
  HostClock clock;
  const int64_t deadline = clock.now_usecs() + 2000;
  clock.wait_until(deadline);
  const int64_t woke = clock.now_usecs();
  EXPECT_GE(woke, deadline);
}

}  // namespace
}  // namespace tcpdrill::runtime
