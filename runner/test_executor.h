#pragma once

#include <chrono>

#include "runner/cancel_signal.h"
#include "runner/child_process.h"
#include "runner/test_case.h"

namespace tcpdrill::runner {

// One execution of one test case.
struct TestAttempt {
  const TestCase& test;
  unsigned repetition = 0;  // 0-based index within --repeat
  unsigned retry = 0;       // 0 for the first try, then 1.. for --retry-timing reruns
  std::chrono::milliseconds timeout{180'000};
};

// What the scheduler needs from running a test: the child's ending, exit code and output.
using ExecutionResult = ChildOutcome;

// Runs one attempt to completion. The scheduler calls it from several threads at once.
// Implementations honour the attempt's timeout (ending TimedOut) and return promptly
// with ending Cancelled once `cancel` is requested. The real one spawns a tcpdrill child
// (ProcessExecutor); tests drive the scheduler with fakes.
class TestExecutor {
 public:
  virtual ~TestExecutor() = default;
  virtual ExecutionResult execute(const TestAttempt& attempt, const CancelSignal& cancel) = 0;
};

}  // namespace tcpdrill::runner
