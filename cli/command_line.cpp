#include "cli/command_line.h"

#include <boost/program_options.hpp>
#include <sstream>

#include "cli/run_option_table.h"
#include "vm/guest_kernel.h"

namespace po = boost::program_options;

namespace tcpdrill::cli {
namespace {

// packetdrill's short forms.
std::string boost_name(const OptionSpec& spec) {
  if (spec.name == "verbose") return "verbose,v";
  if (spec.name == "define") return "define,D";
  return spec.name;
}

po::options_description flag_description() {
  po::options_description description("Options");
  description.add_options()("help,h", "print this help")("version", "print the version");
  description.add_options()("vm", "")("kernel", po::value<std::string>(), "")(
      "vm-clock", po::value<std::string>(), "");
  for (const auto& spec : run_option_specs()) {
    if (spec.takes_value) {
      description.add_options()(boost_name(spec).c_str(), po::value<std::string>(),
                                spec.description.c_str());
    } else {
      description.add_options()(boost_name(spec).c_str(), spec.description.c_str());
    }
  }
  description.add_options()("script", po::value<std::vector<std::string>>(), "scripts");
  return description;
}

// Prefix guessing would let `--tol` mean --tolerance_usecs: packetdrill has no such
// thing, and a typo must not silently pick a flag.
constexpr int kStyle = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;

}  // namespace

ScriptCommandLine parse_script_command_line(const std::vector<std::string>& arguments) {
  po::positional_options_description positional;
  positional.add("script", -1);
  po::parsed_options parsed = [&] {
    try {
      return po::command_line_parser(arguments)
          .options(flag_description())
          .positional(positional)
          .style(kStyle)
          .run();
    } catch (const po::error& error) {
      throw OptionError(error.what());
    }
  }();

  ScriptCommandLine result;
  for (const auto& option : parsed.options) {
    if (option.string_key == "script") {
      result.script_paths.insert(result.script_paths.end(), option.value.begin(),
                                 option.value.end());
    } else if (option.string_key == "help") {
      result.help = true;
    } else if (option.string_key == "version") {
      result.version = true;
    } else if (option.string_key == "vm") {
      result.vm = true;
    } else if (option.string_key == "kernel") {
      result.kernel = option.value.front();
    } else if (option.string_key == "vm-clock") {
      result.vm_clock = option.value.front();
    } else if (option.value.empty()) {
      result.flags.push_back({option.string_key, std::nullopt});
    } else {
      result.flags.push_back({option.string_key, option.value.front()});
    }
  }
  if (!result.vm && (result.kernel || result.vm_clock)) {
    throw OptionError(std::string(result.kernel ? "--kernel" : "--vm-clock") + " needs --vm");
  }
  return result;
}

void apply_flags(runtime::RunConfig& config, const std::vector<FlagSetting>& flags) {
  for (const auto& flag : flags) apply_run_option(config, flag.name, flag.value);
}

Defines defines_of(const std::vector<FlagSetting>& flags) {
  runtime::RunConfig scratch;
  for (const auto& flag : flags) {
    if (flag.name == "define") apply_run_option(scratch, flag.name, flag.value);
  }
  return scratch.defines;
}

std::string script_usage_text(const std::string& program) {
  std::ostringstream out;
  out << "usage: " << program << " [OPTIONS] SCRIPT.pkt...\n"
      << "       " << program << " check [--keep-going] [-D NAME=VALUE]... SCRIPT.pkt|DIR...\n"
      << "       " << program << " run [OPTIONS] [PATH...]   (see '" << program << " run --help')\n"
      << "       " << program << " diff OLD.json NEW.json\n"
      << "       " << program << " plot TIMELINE.csv [-o PICTURE.svg]\n"
      << "       " << program << " help [run|check|diff|plot]\n\n"
      << "Runs packetdrill scripts against this kernel in a private network namespace.\n"
      << "Exit status: 0 passed, 1 failed, 125 this host cannot run the script, 2 usage,\n"
      << "128 a script that does not exist.\n"
      << "Shell commands and %{ }% code run in the script's directory (invoked as\n"
      << "packetdrill: in the current one). Invoked as packetdrill, script time 0 comes\n"
      << "after 100 ms of spinning on the run's CPU, as packetdrill's does.\n\n"
      << "Options:\n";
  for (const auto& spec : run_option_specs()) {
    std::string left = "  --" + spec.name;
    if (spec.takes_value) left += "=" + spec.value_hint;
    if (spec.name == "verbose") left = "  -v, --verbose";
    if (spec.name == "define") left = "  -D, --define=NAME=VALUE";
    out << left;
    out << (left.size() < 34 ? std::string(34 - left.size(), ' ') : std::string("\n") + std::string(34, ' '));
    out << spec.description << "\n";
  }
  out << "\nVM backend (the kernel under test in QEMU; no root needed):\n"
      << "  --vm                            run the scripts in a guest on a virtual clock\n"
      << "  --kernel=K                      the guest's kernel: a bzImage/vmlinuz path, or\n"
      << "                                  debian:6.1, debian:6.12, debian:7.2 or an exact\n"
      << "                                  Debian version (fetched into ~/.cache/tcpdrill);\n"
      << "                                  default " << vm::kDefaultKernel << "\n"
      << "  --vm-clock=virtual|real         virtual (default): TCG, deterministic; real: KVM\n";
  return out.str();
}

}  // namespace tcpdrill::cli
