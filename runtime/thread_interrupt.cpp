#include "runtime/thread_interrupt.h"

#include <csignal>
#include <mutex>

namespace tcpdrill::runtime {
namespace {

void ignore_signal(int) {}

int interrupt_signal() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    struct sigaction action {};
    action.sa_handler = ignore_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: that is the point
    sigaction(SIGRTMIN, &action, nullptr);
  });
  return SIGRTMIN;
}

}  // namespace

void interrupt_thread(pthread_t thread) { pthread_kill(thread, interrupt_signal()); }

}  // namespace tcpdrill::runtime
