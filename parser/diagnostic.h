#pragma once

#include <string>
#include <string_view>

#include "parser/script_error.h"

namespace tcpdrill {

// Renders an error the way compilers do:
//   file:line:col: error: message
//    12 | +0 < S 0:0(0) win 32792 <mss 1000,sackOK,bogus>
//       |                                         ^
// `source` is the script text, used to quote the offending line; when the line
// cannot be found only the first line is printed.
std::string format_diagnostic(const ScriptError& error, std::string_view source);

}  // namespace tcpdrill
