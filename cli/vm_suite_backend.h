#pragma once

#include "runner/suite_backend.h"

namespace tcpdrill::cli {

// `tcpdrill run --vm`: resolves the kernel, builds the guest image with every planned
// script, boots one guest up front (so a kernel that cannot boot ends the run with 125
// before any test) and returns the executor that runs each test in a guest. Throws
// runner::BackendUnavailable.
runner::SuiteBackend make_vm_suite_backend(const runner::RunOptions& options,
                                           const std::vector<runner::TestCase>& cases,
                                           const runner::ChildCommandConfig& command,
                                           const runner::CancelSignal& cancel);

}  // namespace tcpdrill::cli
