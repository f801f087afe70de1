#include "cli/check_command.h"

#include <boost/program_options.hpp>

#include "cli/command_line.h"
#include "cli/run_option_table.h"
#include "cli/script_source.h"
#include "cli/script_options.h"
#include "parser/regular_file.h"
#include "parser/script_parser.h"
#include "runner/script_discovery.h"
#include "runner/usage_error.h"

namespace po = boost::program_options;

namespace tcpdrill::cli {
namespace {

struct CheckArguments {
  bool keep_going = false;
  std::vector<FlagSetting> defines;
  std::vector<std::string> files;
};

// A directory stands for the *.pkt scripts below it, as for `tcpdrill run`: checking is
// what one does to a whole suite before running it.
void append_scripts(const std::string& path, std::vector<std::string>& files) {
  if (non_regular_kind(path) != "a directory") {
    files.push_back(path);
    return;
  }
  try {
    for (const runner::Script& script : runner::discover_scripts({path})) {
      files.push_back(script.display_path.string());
    }
  } catch (const runner::UsageError& error) {
    throw OptionError(std::string("check: ") + error.what());
  }
}

CheckArguments parse_check_arguments(const std::vector<std::string>& arguments) {
  po::options_description description("check options");
  description.add_options()("keep-going,k", "check every file even after an error")(
      "define,D", po::value<std::vector<std::string>>(), "NAME=VALUE substitution")(
      "file", po::value<std::vector<std::string>>(), "scripts");
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map values;
  try {
    po::store(po::command_line_parser(arguments).options(description).positional(positional).run(),
              values);
  } catch (const po::error& error) {
    throw OptionError(error.what());
  }
  CheckArguments result;
  result.keep_going = values.count("keep-going") > 0;
  if (values.count("define")) {
    for (const auto& define : values["define"].as<std::vector<std::string>>()) {
      result.defines.push_back({"define", define});
    }
  }
  if (values.count("file")) {
    for (const auto& file : values["file"].as<std::vector<std::string>>()) {
      append_scripts(file, result.files);
    }
  }
  if (result.files.empty()) throw OptionError("check: no script given");
  return result;
}

}  // namespace

int check_command(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
  const CheckArguments check = parse_check_arguments(arguments);
  const Defines defines = defines_of(check.defines);
  size_t failures = 0;
  for (const auto& file : check.files) {
    try {
      configure_script(parse_script_file(file, defines), check.defines, runtime::RunConfig{});
    } catch (const ScriptError& error) {
      err << render_error(error);
      ++failures;
      if (!check.keep_going) break;
    }
  }
  if (failures == 0) out << "checked " << check.files.size() << " script(s): no errors\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace tcpdrill::cli
