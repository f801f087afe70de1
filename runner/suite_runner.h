#pragma once

#include <ostream>
#include <vector>

#include "runner/cancel_signal.h"
#include "runner/load_probe.h"
#include "runner/run_info.h"
#include "runner/run_options.h"
#include "runner/test_executor.h"

namespace tcpdrill::runner {

struct SuiteStreams {
  std::ostream& out;  // result lines / KTAP / progress
  std::ostream& err;  // report errors, and the summary in KTAP mode
  bool terminal = false;  // `out` is a terminal: progress line instead of result lines
};

// Runs planned test cases with the given executor and load probe, prints progress and the
// summary, writes the requested report files, and returns the exit code (see
// suite_exit_code; 2 when a report file cannot be written). `tcpdrill run` calls it with
// the process executor; tests call it with fakes.
int run_suite(const RunOptions& options, const std::vector<TestCase>& cases, RunInfo info,
              TestExecutor& executor, LoadProbe& load, const CancelSignal& cancel,
              const SuiteStreams& streams);

}  // namespace tcpdrill::runner
