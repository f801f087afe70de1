#pragma once

#include <cstdint>

#include "runtime/clock.h"

namespace tcpdrill::runtime {

// The clock seen in script time: microseconds since the live moment of script time 0.
class ScriptClock {
 public:
  explicit ScriptClock(Clock& clock) : clock_(clock), start_(clock.now_usecs()) {}

  // Fixes script time 0 at the clock's next good moment after `lead_usecs` (HostClock:
  // just past a kernel tick, at most a jiffy after the lead): the event loop calls it
  // right before the first event, once everything slow (threads, buffers) is set up.
  void start_now(int64_t lead_usecs) { start_ = clock_.script_start_usecs(lead_usecs); }

  int64_t now() const { return clock_.now_usecs() - start_; }
  int64_t to_clock(int64_t script_usecs) const { return script_usecs + start_; }
  int64_t from_clock(int64_t clock_usecs) const { return clock_usecs - start_; }
  void wait_until(int64_t script_usecs) const { clock_.wait_until(to_clock(script_usecs)); }
  int64_t to_wall_usecs(int64_t script_usecs) const { return clock_.to_wall_usecs(to_clock(script_usecs)); }
  Clock& clock() const { return clock_; }

 private:
  Clock& clock_;
  int64_t start_;
};

}  // namespace tcpdrill::runtime
