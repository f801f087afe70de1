#include "cli/unmet_requirements.h"

#include <gtest/gtest.h>

namespace tcpdrill::cli {
namespace {

TEST(ScriptExitStatus, APassIsAPassEvenWhenTheHostLackedWhatTheScriptAskedFor) {
  EXPECT_EQ(script_exit_status(RunOutcome::kPassed, true), 0);
  EXPECT_EQ(script_exit_status(RunOutcome::kPassed, false), 0);
}

TEST(ScriptExitStatus, AFailureIsTheHostsWhenItLackedWhatTheScriptAskedFor) {
  EXPECT_EQ(script_exit_status(RunOutcome::kFailed, true), 125);
  EXPECT_EQ(script_exit_status(RunOutcome::kFailed, false), 1);
}

}  // namespace
}  // namespace tcpdrill::cli
