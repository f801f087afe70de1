#pragma once

#include <cstdint>

namespace tcpdrill::runtime {

// The time source of a run. The host backend reads the real clock; a virtual machine
// backend can supply a virtual one. All values are microseconds on one monotonic scale
// with an arbitrary origin.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now_usecs() = 0;
  // Returns at `usecs` or as soon after as possible.
  virtual void wait_until(int64_t usecs) = 0;
  // CLOCK_REALTIME microseconds at clock time `usecs` (kernel timestamps such as
  // SCM_TIMESTAMPING are wall times).
  virtual int64_t to_wall_usecs(int64_t usecs) = 0;
  // A good moment, now or soon, to make script time 0, at least `lead_usecs` from now.
  virtual int64_t script_start_usecs(int64_t lead_usecs) { return now_usecs() + lead_usecs; }
};

// The kernel's tick (1/HZ) in microseconds, the resolution of its coarse clocks: the
// unit of jiffy timers and of jiffy-counting TCP_INFO fields. 0 when unknown.
int64_t kernel_jiffy_usecs();

// CLOCK_MONOTONIC. wait_until sleeps until shortly before the deadline and spins the
// rest, because the scheduler wakes sleepers tens of microseconds late.
class HostClock final : public Clock {
 public:
  HostClock();
  int64_t now_usecs() override;
  void wait_until(int64_t usecs) override;
  int64_t to_wall_usecs(int64_t usecs) override { return usecs + wall_offset_usecs_; }
  // kJiffyOffsetUsecs after the first kernel tick past the lead, like packetdrill: the
  // kernel's timers and RTT samples count jiffies, and scripts schedule events on whole
  // milliseconds, so a time 0 right at a tick edge makes timers fire a jiffy early or
  // late at random, and a time 0 elsewhere in the jiffy than packetdrill's changes what
  // jiffy-counting TCP_INFO fields (tcpi_busy_time) read. The lead is spent spinning on
  // this CPU (RunConfig::time_zero_lead_usecs says why).
  int64_t script_start_usecs(int64_t lead_usecs) override;

  // How long before a deadline sleeping stops and spinning starts.
  static constexpr int64_t kSpinUsecs = 20;
  static constexpr int64_t kJiffyOffsetUsecs = 250;

 private:
  int64_t wall_offset_usecs_ = 0;
};

}  // namespace tcpdrill::runtime
