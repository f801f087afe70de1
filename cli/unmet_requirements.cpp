#include "cli/unmet_requirements.h"

namespace tcpdrill::cli {

int script_exit_status(RunOutcome outcome, bool requirements_unmet) {
  if (outcome == RunOutcome::kPassed) return 0;
  return requirements_unmet ? 125 : 1;
}

}  // namespace tcpdrill::cli
