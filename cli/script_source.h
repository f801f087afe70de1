#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "parser/script_error.h"

namespace tcpdrill::cli {

// A script path that names nothing: exit status runner::kExitMissingPath (128) in every
// mode, as `tcpdrill run` gives for a missing PATH. Never 1, a failed test: `git bisect
// run` must not blame a commit in which the script does not exist yet.
class MissingScriptError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws MissingScriptError for the first path that does not exist, before any runs.
void require_scripts_exist(const std::vector<std::string>& paths);

// The diagnostic for `error`, quoting the script's own line: the file is read again
// only when an error is printed, so the success path never keeps script text around.
// A failed run's report (events and state before the failure) follows the source line.
std::string render_error(const ScriptError& error);

}  // namespace tcpdrill::cli
