#pragma once

#include <chrono>
#include <vector>

#include "runner/cancel_signal.h"
#include "runner/load_probe.h"
#include "runner/test_executor.h"
#include "runner/test_result.h"

namespace tcpdrill::runner {

struct SchedulerOptions {
  unsigned jobs = 1;                        // tests running at once, at most
  std::chrono::milliseconds timeout{180'000};
  unsigned repeat = 1;                      // runs per case (--repeat)
  unsigned retry_timing = 0;                // reruns of a run that failed with a timing error
  // Another test starts only while the CPUs are less busy than this (or nothing runs):
  // a saturated host turns healthy timing-sensitive tests into failures. >= 1 disables.
  double max_busy_fraction = 0.9;
  std::chrono::milliseconds load_recheck{250};
  // > 0: call SchedulerObserver::on_tick this often while tests run (a terminal's
  // elapsed/ETA line); 0: no timer at all.
  std::chrono::milliseconds tick{0};
};

// Told about progress. Calls are serialized (never two at once) and made from the
// scheduler's worker threads; keep them short.
class SchedulerObserver {
 public:
  virtual ~SchedulerObserver() = default;
  virtual void on_attempt_started(const TestCase& /*test*/, unsigned /*repetition*/,
                                  unsigned /*retry*/) {}
  virtual void on_attempt_finished(const TestCase& /*test*/, const AttemptRecord& /*attempt*/) {}
  virtual void on_case_finished(const CaseResult& /*result*/) {}
  virtual void on_tick() {}
};

// Runs test cases on a pool of worker threads. Runs are queued repetition by
// repetition (all cases once, then all again) so --repeat samples each case at different
// moments; a timing-error rerun goes to the front of the queue so its case finishes soon.
// While waiting, nothing spins: workers sleep on a condition variable and the calling
// thread in poll(2) on the cancel and completion eventfds.
class Scheduler {
 public:
  Scheduler(TestExecutor& executor, LoadProbe& load, SchedulerOptions options)
      : executor_(executor), load_(load), options_(options) {}

  // Returns when every case has finished, or promptly after `cancel` is requested (then
  // with the cases that had finished and `interrupted` set).
  SuiteResult run(const std::vector<TestCase>& cases, const CancelSignal& cancel,
                  SchedulerObserver& observer);

  // How often a start was held back because the CPUs were saturated (for tests and the
  // benchmark).
  unsigned load_holds() const { return load_holds_; }

 private:
  TestExecutor& executor_;
  LoadProbe& load_;
  SchedulerOptions options_;
  unsigned load_holds_ = 0;
};

}  // namespace tcpdrill::runner
