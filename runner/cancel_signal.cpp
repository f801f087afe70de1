#include "runner/cancel_signal.h"

#include <signal.h>
#include <sys/eventfd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

#include "netdev/termination_cleanup.h"

namespace tcpdrill::runner {
namespace {

// Signal handlers can only reach globals; one runner is active per process.
std::atomic<const CancelSignal*> g_signal_target{nullptr};
volatile sig_atomic_t g_received_signal = 0;
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};
struct sigaction g_previous_hup {};

extern "C" void on_cancel_signal(int signo) {
  if (g_received_signal == 0) {
    // First signal: stop gracefully (kill the tests, still write the reports).
    g_received_signal = signo;
    if (const CancelSignal* target = g_signal_target.load()) target->request();
    return;
  }
  // Second signal: the user wants out now. Take the test processes along, then die of
  // the signal as the shell expects.
  netdev::kill_child_groups_and_die(signo);
}

}  // namespace

CancelSignal::CancelSignal() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!fd_.valid()) throw std::system_error(errno, std::generic_category(), "eventfd");
}

void CancelSignal::request() const noexcept {
  requested_.store(true, std::memory_order_release);
  const uint64_t one = 1;
  // Only fails when the counter would overflow, i.e. it is already readable.
  [[maybe_unused]] ssize_t ignored = ::write(fd_.get(), &one, sizeof one);
}

ScopedCancelOnSignals::ScopedCancelOnSignals(const CancelSignal& signal) {
  g_received_signal = 0;
  g_signal_target.store(&signal);
  struct sigaction action {};
  action.sa_handler = on_cancel_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, &g_previous_int);
  ::sigaction(SIGTERM, &action, &g_previous_term);
  ::sigaction(SIGHUP, &action, &g_previous_hup);
}

ScopedCancelOnSignals::~ScopedCancelOnSignals() {
  ::sigaction(SIGINT, &g_previous_int, nullptr);
  ::sigaction(SIGTERM, &g_previous_term, nullptr);
  ::sigaction(SIGHUP, &g_previous_hup, nullptr);
  g_signal_target.store(nullptr);
}

int ScopedCancelOnSignals::received_signal() { return g_received_signal; }

}  // namespace tcpdrill::runner
