#include "runtime/call_watchdog.h"

#include "runtime/thread_interrupt.h"

namespace tcpdrill::runtime {

CallWatchdog::CallWatchdog() : thread_([this] { watch(); }) {}

CallWatchdog::~CallWatchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_one();
  thread_.join();
}

void CallWatchdog::arm(std::chrono::steady_clock::time_point deadline) {
  {
    std::lock_guard lock(mutex_);
    deadline_ = deadline;
    target_ = pthread_self();
    fired_ = false;
  }
  changed_.notify_one();
}

bool CallWatchdog::disarm() {
  std::lock_guard lock(mutex_);
  deadline_.reset();
  return fired_;
}

void CallWatchdog::watch() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (!deadline_) {
      changed_.wait(lock);
      continue;
    }
    if (std::chrono::steady_clock::now() < *deadline_) {
      changed_.wait_until(lock, *deadline_);
      continue;
    }
    fired_ = true;
    interrupt_thread(target_);
    changed_.wait_for(lock, std::chrono::milliseconds(10));
  }
}

}  // namespace tcpdrill::runtime
