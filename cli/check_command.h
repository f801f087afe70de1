#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tcpdrill::cli {

// `tcpdrill check [--keep-going] [-D NAME=VALUE]... FILE...`: parses and validates
// scripts without running them. Stops at the first bad file unless --keep-going.
// Returns 0 when every file is valid, 1 otherwise; usage errors throw OptionError.
int check_command(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

}  // namespace tcpdrill::cli
