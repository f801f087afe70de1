#include "runtime/blocking_syscall.h"

#include <sched.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>

#include "runtime/thread_interrupt.h"

namespace tcpdrill::runtime {

BlockingSyscall::BlockingSyscall(PreparedSyscall call, Clock& clock, int64_t start_usecs)
    : call_(std::move(call)), clock_(clock) {
  thread_ = std::thread([this, start_usecs] {
    tid_.store(gettid(), std::memory_order_release);
    clock_.wait_until(start_usecs);
    started_usecs_ = clock_.now_usecs();
    invoking_.store(true, std::memory_order_release);
    call_.invoke();
    returned_usecs_ = clock_.now_usecs();
    returned_.store(true, std::memory_order_release);
  });
}

BlockingSyscall::~BlockingSyscall() {
  while (!returned()) {
    interrupt_thread(thread_.native_handle());
    wait_returned_until(clock_.now_usecs() + 10'000);
  }
  thread_.join();
}

void BlockingSyscall::wait_until_blocked_or_returned() {
  // Polled with yields, as packetdrill does: the call blocks within microseconds or
  // returns, and a condition variable cannot see a thread fall asleep in the kernel.
  while (!returned() && !(invoking_.load(std::memory_order_acquire) && sleeping_in_kernel()))
    sched_yield();
}

bool BlockingSyscall::wait_returned_until(int64_t deadline_usecs) {
  while (!returned()) {
    const int64_t now = clock_.now_usecs();
    if (now >= deadline_usecs) return false;
    clock_.wait_until(std::min(deadline_usecs, now + 1000));
  }
  return true;
}

bool BlockingSyscall::sleeping_in_kernel() const {
  const pid_t tid = tid_.load(std::memory_order_acquire);
  std::ifstream stat("/proc/self/task/" + std::to_string(tid) + "/stat");
  std::string line;
  std::getline(stat, line);
  // "TID (COMM) STATE ...": COMM may hold spaces and parentheses, the last ')' ends it.
  const size_t end_of_name = line.rfind(')');
  return end_of_name != std::string::npos && end_of_name + 2 < line.size() &&
         (line[end_of_name + 2] == 'S' || line[end_of_name + 2] == 'D');
}

}  // namespace tcpdrill::runtime
