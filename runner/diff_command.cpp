#include "runner/diff_command.h"

#include <boost/program_options.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "runner/report_diff.h"

namespace tcpdrill::runner {

int diff_command(int argc, char** argv) {
  namespace po = boost::program_options;
  po::options_description visible("tcpdrill diff OLD.json NEW.json");
  visible.add_options()("help,h", "show this help");
  po::options_description all;
  all.add(visible).add_options()("report", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("report", -1);

  po::variables_map options;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
              options);
    po::notify(options);
  } catch (const po::error& error) {
    std::cerr << "tcpdrill diff: " << error.what() << '\n';
    return 2;
  }
  if (options.count("help")) {
    std::cout << "Lists the tests whose verdict differs between two `tcpdrill run --json` "
                 "reports.\nExit 0: no change, 1: some verdicts changed, 2: usage error.\n"
              << visible;
    return 0;
  }
  const auto reports = options.count("report")
                           ? options["report"].as<std::vector<std::string>>()
                           : std::vector<std::string>{};
  if (reports.size() != 2) {
    std::cerr << "tcpdrill diff: want exactly two reports: OLD.json NEW.json\n";
    return 2;
  }
  try {
    const auto changes = diff_reports(load_json_report(reports[0]), load_json_report(reports[1]));
    write_changes(std::cout, changes);
    return changes.empty() ? 0 : 1;
  } catch (const std::runtime_error& error) {
    std::cerr << "tcpdrill diff: " << error.what() << '\n';
    return 2;
  }
}

}  // namespace tcpdrill::runner
