#pragma once

#include <atomic>

#include "netdev/unique_fd.h"

namespace tcpdrill::runner {

using netdev::UniqueFd;

// A one-way "stop now" flag that threads can both test and poll(): an eventfd that
// becomes readable forever once requested. request() only does an atomic store and a
// write(2), so it may be called from a signal handler (Ctrl-C, SIGTERM).
class CancelSignal {
 public:
  CancelSignal();

  void request() const noexcept;
  bool requested() const noexcept { return requested_.load(std::memory_order_acquire); }
  // Readable (POLLIN) once request() was called; never read, so every poller sees it.
  int poll_fd() const { return fd_.get(); }

 private:
  UniqueFd fd_;
  mutable std::atomic<bool> requested_{false};
};

// Routes SIGINT, SIGTERM and SIGHUP (a closed terminal) to a CancelSignal while alive
// and restores the previous handlers on destruction. A second signal kills every test
// process group and then the runner itself, for the user who really wants out.
class ScopedCancelOnSignals {
 public:
  explicit ScopedCancelOnSignals(const CancelSignal& signal);
  ~ScopedCancelOnSignals();
  ScopedCancelOnSignals(const ScopedCancelOnSignals&) = delete;
  ScopedCancelOnSignals& operator=(const ScopedCancelOnSignals&) = delete;

  // The signal that triggered cancellation, 0 if none.
  static int received_signal();
};

}  // namespace tcpdrill::runner
