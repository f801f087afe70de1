#pragma once

namespace tcpdrill::cli {

// packetdrill checks nothing before a run: a script that asks for a congestion control
// or qdisc this host lacks simply runs. Its init command often masks the refusal (a
// multi-line command's status is its last line's, so a failing `tc qdisc replace ... fq`
// before a `sysctl` goes unnoticed), and then the script passes. So an unmet requirement
// found by the preflight does not stop the run: a pass stays a pass, and only a failure
// is blamed on the host (125) instead of the script (1).
enum class RunOutcome { kPassed, kFailed };

int script_exit_status(RunOutcome outcome, bool requirements_unmet);

}  // namespace tcpdrill::cli
