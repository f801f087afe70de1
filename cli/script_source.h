#pragma once

#include <string>

#include "parser/script_error.h"

namespace tcpdrill::cli {

// The diagnostic for `error`, quoting the script's own line: the file is read again
// only when an error is printed, so the success path never keeps script text around.
std::string render_error(const ScriptError& error);

}  // namespace tcpdrill::cli
