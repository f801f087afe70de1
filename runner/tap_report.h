#pragma once

#include <ostream>

#include "runner/run_info.h"
#include "runner/test_result.h"

namespace tcpdrill::runner {

// TAP version 13 (`--tap FILE`): plan, one "ok"/"not ok" line per finished case, SKIP
// directives, and for every case that did not plainly pass a YAML block with its
// verdict, message, script line, duration and full log. An interrupted run ends with
// "Bail out!" so a consumer cannot mistake it for a complete one.
void write_tap_report(std::ostream& out, const SuiteResult& suite, const RunInfo& info);

}  // namespace tcpdrill::runner
