#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tcpdrill::cli {

// `tcpdrill plot TIMELINE.csv [-o PICTURE.svg]`: draws a run recorded with --trace-state
// (default output: the timeline's name with .svg). Returns 0, 1 when the timeline cannot
// be read or the picture written, 2 on a usage error.
int plot_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace tcpdrill::cli
