#include "runtime/clock.h"

#include <gtest/gtest.h>
#include <time.h>

namespace tcpdrill::runtime {
namespace {

int64_t coarse_usecs() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
  return int64_t{now.tv_sec} * 1'000'000 + now.tv_nsec / 1000;
}

TEST(HostClockTest, ScriptStartsJustPastAKernelTickWithinOneJiffy) {
  timespec resolution{};
  clock_getres(CLOCK_MONOTONIC_COARSE, &resolution);
  const int64_t jiffy = resolution.tv_nsec / 1000;
  HostClock clock;
  const int64_t before = clock.now_usecs();
  const int64_t start = clock.script_start_usecs();
  EXPECT_GT(start, before);
  EXPECT_LE(start, before + jiffy + HostClock::kJiffyOffsetUsecs);
  // The coarse clock moves in whole jiffies, so the chosen start sits
  // kJiffyOffsetUsecs past a multiple of the jiffy, give or take tick latency.
  const int64_t phase = (start - coarse_usecs()) % jiffy;
  EXPECT_NEAR(static_cast<double>((phase + jiffy) % jiffy), HostClock::kJiffyOffsetUsecs, 200.0);
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
