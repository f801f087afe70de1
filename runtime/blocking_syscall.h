#pragma once

#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <thread>

#include "runtime/clock.h"
#include "runtime/syscall/prepared_syscall.h"

namespace tcpdrill::runtime {

// A `T...END name(...)` call, run on a thread of its own so the script can go on while
// the call waits in the kernel (packetdrill §3.3). The thread only invokes the raw call;
// the checks that touch shared state (PreparedSyscall::check) stay on the event loop's
// thread, after returned().
class BlockingSyscall {
 public:
  // The thread waits for `start_usecs` (clock time) itself, so that creating it does
  // not delay the call.
  BlockingSyscall(PreparedSyscall call, Clock& clock, int64_t start_usecs);
  BlockingSyscall(const BlockingSyscall&) = delete;
  BlockingSyscall& operator=(const BlockingSyscall&) = delete;
  // A call still blocked is interrupted (EINTR) so that the thread can be joined.
  ~BlockingSyscall();

  // Returns once the call sleeps in the kernel or has returned, which is when the
  // script's next event may start.
  void wait_until_blocked_or_returned();
  bool returned() const { return returned_.load(std::memory_order_acquire); }
  // Waits until the call returns or the clock passes `deadline_usecs`.
  bool wait_returned_until(int64_t deadline_usecs);

  PreparedSyscall& call() { return call_; }
  int64_t started_usecs() const { return started_usecs_; }
  int64_t returned_usecs() const { return returned_usecs_; }  // valid once returned()

 private:
  bool sleeping_in_kernel() const;

  PreparedSyscall call_;
  Clock& clock_;
  std::atomic<bool> invoking_{false};
  std::atomic<bool> returned_{false};
  std::atomic<pid_t> tid_{0};
  int64_t started_usecs_ = 0;
  int64_t returned_usecs_ = 0;
  std::thread thread_;
};

}  // namespace tcpdrill::runtime
