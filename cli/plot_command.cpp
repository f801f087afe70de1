#include "cli/plot_command.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "trace/time_sequence_svg.h"
#include "trace/timeline_csv.h"

namespace tcpdrill::cli {
namespace {

constexpr const char* kUsage =
    "usage: tcpdrill plot TIMELINE.csv [-o PICTURE.svg]\n"
    "Draws a run recorded with --trace-state=TIMELINE.csv: a time-sequence diagram above\n"
    "cwnd, ssthresh and reordering (default output: TIMELINE.svg).\n";

}  // namespace

int plot_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string input, output;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help") {
      out << kUsage;
      return 0;
    }
    if (arg == "-o" || arg == "--output") {
      if (i + 1 == args.size()) {
        err << "tcpdrill plot: " << arg << " needs a file name\n" << kUsage;
        return 2;
      }
      output = args[++i];
    } else if (arg.starts_with("-") && arg != "-") {
      err << "tcpdrill plot: unknown option " << arg << "\n" << kUsage;
      return 2;
    } else if (input.empty()) {
      input = arg;
    } else {
      err << "tcpdrill plot: one timeline at a time (got " << input << " and " << arg << ")\n";
      return 2;
    }
  }
  if (input.empty()) {
    err << "tcpdrill plot: no timeline given\n" << kUsage;
    return 2;
  }
  if (output.empty()) output = std::filesystem::path(input).replace_extension(".svg").string();

  std::ifstream in(input, std::ios::binary);
  if (!in) {
    err << "tcpdrill plot: cannot read " << input << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  trace::StateTimeline timeline;
  try {
    timeline = trace::read_timeline_csv(in, input);
  } catch (const trace::TraceError& error) {
    err << "tcpdrill plot: " << error.what() << "\n";
    return 1;
  }
  std::ofstream picture(output, std::ios::binary | std::ios::trunc);
  if (picture) picture << trace::time_sequence_svg(timeline, std::filesystem::path(input).stem().string());
  picture.close();
  if (!picture) {
    err << "tcpdrill plot: cannot write " << output << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  out << "wrote " << output << "\n";
  return 0;
}

}  // namespace tcpdrill::cli
