#include "runtime/clock.h"

#include <sched.h>
#include <time.h>

#include <cerrno>

namespace tcpdrill::runtime {
namespace {

int64_t read_usecs(clockid_t clock) {
  timespec now{};
  clock_gettime(clock, &now);
  return int64_t{now.tv_sec} * 1'000'000 + now.tv_nsec / 1000;
}

}  // namespace

int64_t kernel_jiffy_usecs() {
  timespec resolution{};
  if (clock_getres(CLOCK_MONOTONIC_COARSE, &resolution) != 0) return 0;
  return int64_t{resolution.tv_sec} * 1'000'000 + resolution.tv_nsec / 1000;
}

HostClock::HostClock()
    : wall_offset_usecs_(read_usecs(CLOCK_REALTIME) - read_usecs(CLOCK_MONOTONIC)) {}

int64_t HostClock::now_usecs() { return read_usecs(CLOCK_MONOTONIC); }

int64_t HostClock::script_start_usecs(int64_t lead_usecs) {
  const int64_t lead_end = now_usecs() + lead_usecs;
  while (now_usecs() < lead_end) sched_yield();
  // CLOCK_MONOTONIC_COARSE steps when the tick advances jiffies, but the value it steps
  // to lags the tick by a phase fixed at boot (2.3 ms on one 250 Hz host): timekeeping
  // accumulates whole tick intervals. So the tick is the moment of a step, read on
  // CLOCK_MONOTONIC, not the coarse value. Spinning rather than sleeping keeps this
  // CPU's tick running: an idle CPU stops it (NOHZ) and jiffies would catch up when we
  // wake, off the grid. At most one jiffy of spinning, as packetdrill's watch of
  // times(2), yielding to other real-time runs on this CPU; without a usable tick grid,
  // now.
  const int64_t jiffy = kernel_jiffy_usecs();
  if (jiffy <= kJiffyOffsetUsecs || jiffy > 100'000) return now_usecs();
  const int64_t give_up = now_usecs() + 2 * jiffy;
  const int64_t last_step = read_usecs(CLOCK_MONOTONIC_COARSE);
  for (;;) {
    const bool stepped = read_usecs(CLOCK_MONOTONIC_COARSE) != last_step;
    const int64_t now = now_usecs();
    if (stepped) return now + kJiffyOffsetUsecs;
    if (now > give_up) return now;
    sched_yield();
  }
}

void HostClock::wait_until(int64_t usecs) {
  const int64_t sleep_until = usecs - kSpinUsecs;
  if (now_usecs() < sleep_until) {
    const timespec deadline{static_cast<time_t>(sleep_until / 1'000'000),
                            static_cast<long>(sleep_until % 1'000'000) * 1000};
    // An absolute deadline survives EINTR restarts without drifting.
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr) == EINTR) {
    }
  }
  while (now_usecs() < usecs) {
  }
}

}  // namespace tcpdrill::runtime
