#pragma once

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace tcpdrill::runtime {

// Guards syscalls the script does not expect to block: once armed, a call still
// running at the deadline is interrupted (and again every few milliseconds, in case
// the signal landed just before the call) until disarm(). One thread per run, reused
// for every call, so arming costs a lock and a notify.
class CallWatchdog {
 public:
  CallWatchdog();
  CallWatchdog(const CallWatchdog&) = delete;
  CallWatchdog& operator=(const CallWatchdog&) = delete;
  ~CallWatchdog();

  // Watches the calling thread until disarm().
  void arm(std::chrono::steady_clock::time_point deadline);
  // Returns whether the deadline passed while armed.
  bool disarm();

 private:
  void watch();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  pthread_t target_{};
  bool fired_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tcpdrill::runtime
