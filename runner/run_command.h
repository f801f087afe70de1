#pragma once

#include "runner/suite_backend.h"

namespace tcpdrill::runner {

// `tcpdrill run [options] PATH...`: discovers *.pkt scripts, runs each (per IP variant)
// as a child `tcpdrill` process in its own network namespace, and reports one verdict
// per script and variant (plain lines or KTAP on stdout, optional TAP/JUnit/JSON files).
//
// argv[0] is the subcommand name ("run"); the tcpdrill binary to spawn is found via
// /proc/self/exe unless --tcpdrill=PATH is given.
// Returns the process exit code: 0 all passed (skips allowed), 1 a test failed or timed
// out, 125 every test was skipped by the environment, 2 usage error, 130 interrupted.
// Usage errors are reported here (one line on stderr); nothing else throws out of it
// except std::bad_alloc. With --vm the tests run on the backend `vm_backend` makes;
// 125 when it throws BackendUnavailable.
int run_suite_command(int argc, char** argv, const SuiteBackendFactory& vm_backend);

}  // namespace tcpdrill::runner
