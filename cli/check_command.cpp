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
#include "runtime/script_name_check.h"

namespace po = boost::program_options;

namespace tcpdrill::cli {
namespace {

constexpr const char* kCheckUsage =
    "usage: tcpdrill check [--keep-going] [-D NAME=VALUE]... SCRIPT.pkt|DIR...\n\n"
    "Parses each script (a directory: every *.pkt below it) and checks what can be\n"
    "checked without running it: syntax, timing, option lines, system call names and\n"
    "symbols, assert names. Errors are printed as FILE:LINE:COLUMN: error: MESSAGE\n"
    "with the line quoted.\n"
    "Exit status: 0 no errors, 1 errors, 2 usage, 128 a script that does not exist.\n\n"
    "Options:\n"
    "  -k, --keep-going         check every file even after an error\n"
    "  -D, --define=NAME=VALUE  substitute VALUE for the word NAME\n"
    "  -h, --help               print this help\n";

struct CheckArguments {
  bool help = false;
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
  description.add_options()("help,h", "print this help")("keep-going,k", "check every file even after an error")(
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
  result.help = values.count("help") > 0;
  if (result.help) return result;
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
  if (check.help) {
    out << kCheckUsage;
    return 0;
  }
  require_scripts_exist(check.files);
  const Defines defines = defines_of(check.defines);
  size_t failures = 0;
  for (const auto& file : check.files) {
    try {
      const ast::Script script = parse_script_file(file, defines);
      configure_script(script, check.defines, runtime::RunConfig{});
      runtime::check_script_names(script);
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
