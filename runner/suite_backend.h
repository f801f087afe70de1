#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "runner/cancel_signal.h"
#include "runner/process_executor.h"
#include "runner/run_options.h"
#include "runner/test_case.h"

namespace tcpdrill::runner {

// Where a suite's tests run when not as child processes on this host: the VM backend,
// which cli/ supplies because it lives above the runner.
struct SuiteBackend {
  std::unique_ptr<TestExecutor> executor;
  std::string kernel_release;  // the kernel the tests run on
  std::string description;     // for reports: "vm, debian:6.12, virtual clock"
  // False when the host's load cannot disturb the tests' timing (a virtual clock), so
  // the scheduler need not hold tests back on a busy host.
  bool host_timing = true;
};

// The backend cannot be had on this machine (no QEMU, a kernel that does not boot):
// the run ends with exit 125 and this message.
class BackendUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using SuiteBackendFactory = std::function<SuiteBackend(
    const RunOptions& options, const std::vector<TestCase>& cases,
    const ChildCommandConfig& command, const CancelSignal& cancel)>;

}  // namespace tcpdrill::runner
