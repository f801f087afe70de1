#include "runtime/clock.h"

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

HostClock::HostClock()
    : wall_offset_usecs_(read_usecs(CLOCK_REALTIME) - read_usecs(CLOCK_MONOTONIC)) {}

int64_t HostClock::now_usecs() { return read_usecs(CLOCK_MONOTONIC); }

int64_t HostClock::script_start_usecs() {
  // CLOCK_MONOTONIC_COARSE is the time the last tick stored, and ticks come on a fixed
  // grid of jiffies, so it tells where the grid is without packetdrill's 100 ms of
  // watching times(2) change. Its resolution is the jiffy.
  timespec resolution{};
  clock_getres(CLOCK_MONOTONIC_COARSE, &resolution);
  const int64_t jiffy = int64_t{resolution.tv_sec} * 1'000'000 + resolution.tv_nsec / 1000;
  const int64_t tick = read_usecs(CLOCK_MONOTONIC_COARSE);
  const int64_t now = now_usecs();
  if (jiffy <= kJiffyOffsetUsecs || jiffy > 100'000) return now;  // no usable tick grid
  const int64_t first = tick + kJiffyOffsetUsecs;
  if (now < first) return first;
  return first + ((now - first) / jiffy + 1) * jiffy;
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
