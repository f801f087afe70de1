#include "runtime/priority_inheritance_mutex.h"

#include <pthread.h>
#include <sched.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>

namespace tcpdrill::runtime {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

void pin_to_cpu0() {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(0, &set);
  sched_setaffinity(0, sizeof set, &set);
}

bool make_fifo(int priority) {
  const sched_param param{priority};
  return pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) == 0;
}

milliseconds thread_cpu_time() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return milliseconds(now.tv_sec * 1000 + now.tv_nsec / 1'000'000);
}

// The event loop's situation, on one CPU: a normal thread (the sniffer) holds the lock
// and needs 15 ms of CPU to release it, a real-time thread (the event loop) wants it, and
// a busy real-time thread of lower priority (the rest of a loaded host) spins for 120 ms.
// With priority inheritance the holder runs at the waiter's priority and the waiter gets
// the lock after about 15 ms; without, the holder waits out the spinner.
TEST(PriorityInheritanceMutexTest, AWaitingRealTimeThreadLendsItsPriorityToTheHolder) {
  PriorityInheritanceMutex mutex;
  std::atomic<bool> held{false}, spinning{false}, refused{false};
  std::mutex start_mutex;
  std::condition_variable start;
  bool go = false;
  milliseconds waited{-1};

  std::thread holder([&] {
    pin_to_cpu0();
    const std::lock_guard lock(mutex);
    held = true;
    // Its work starts only once the spinner runs, so that none of it is done before.
    while (!spinning) std::this_thread::sleep_for(milliseconds(1));
    const milliseconds until = thread_cpu_time() + milliseconds(15);
    while (thread_cpu_time() < until) {
    }
  });
  while (!held) std::this_thread::yield();
  std::thread waiter([&] {
    pin_to_cpu0();
    if (!make_fifo(20)) refused = true;
    std::unique_lock lock(start_mutex);
    start.wait(lock, [&] { return go; });
    lock.unlock();
    const auto asked = steady_clock::now();
    mutex.lock();
    waited = std::chrono::duration_cast<milliseconds>(steady_clock::now() - asked);
    mutex.unlock();
  });
  std::this_thread::sleep_for(milliseconds(20));  // the waiter is waiting for `go`
  std::thread spinner([&] {
    pin_to_cpu0();
    if (!make_fifo(10)) refused = true;
    {
      const std::lock_guard lock(start_mutex);
      go = true;
    }
    start.notify_one();
    spinning = true;
    const auto until = steady_clock::now() + milliseconds(120);
    while (steady_clock::now() < until) {
    }
  });
  spinner.join();
  waiter.join();
  holder.join();
  if (refused) GTEST_SKIP() << "needs the right to make threads SCHED_FIFO (CAP_SYS_NICE)";
  EXPECT_LT(waited, milliseconds(80));
}

}  // namespace
}  // namespace tcpdrill::runtime
