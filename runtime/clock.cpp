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
