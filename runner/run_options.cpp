#include "runner/run_options.h"

#include <sched.h>

#include <boost/program_options.hpp>

#include <cmath>
#include <sstream>
#include <string_view>

#include "runner/usage_error.h"

namespace tcpdrill::runner {
namespace po = boost::program_options;

unsigned available_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  const int count = CPU_COUNT(&set);
  return count > 0 ? static_cast<unsigned>(count) : 1;
}

namespace {

po::options_description visible_options() {
  po::options_description options(
      "tcpdrill run [options] PATH... [-- TCPDRILL-FLAGS...]\n"
      "Runs every *.pkt under each PATH, each variant in its own network namespace.\n"
      "Flags after -- go to every test (e.g. -- --tolerance_usecs=14000).\n"
      "Exit: 0 all passed, 1 a test failed, 125 all skipped, 2 usage, 128 a PATH that does\n"
      "not exist, 130 interrupted.\n"
      "Options");
  options.add_options()
      ("help,h", "show this help")
      ("jobs,j", po::value<unsigned>(), "tests at once (default: CPUs)")
      ("timeout", po::value<double>()->default_value(180), "seconds per test before it is killed")
      ("ipv4,4", "run the ipv4 variant")
      ("ipv6,6", "run the ipv6 variant")
      ("mapped", "run the ipv4-mapped-ipv6 variant (none of -4/-6/--mapped: all)")
      ("tap", po::value<std::string>(), "write a TAP 13 report to FILE")
      ("ktap", "print kselftest KTAP on stdout instead of result lines")
      ("junit", po::value<std::string>(), "write a JUnit XML report to FILE")
      ("json", po::value<std::string>(), "write a JSON report to FILE (docs/report-schema.json)")
      ("capture", po::value<std::string>(), "keep the pcap of each failed test in DIR")
      ("capture-all", "with --capture or --html: keep every test's pcap")
      ("trace-state", po::value<std::string>(), "keep each test's state timeline (CSV) in DIR; --json then holds them")
      ("html", po::value<std::string>(), "write a report page to DIR/index.html with pictures and failed tests' pcaps")
      ("repeat", po::value<unsigned>()->default_value(1), "run each test N times; mixed results are FLAKY")
      ("retry-timing", po::value<unsigned>()->default_value(0), "rerun a test failing with a timing error up to N times")
      ("shard", po::value<std::string>(), "run shard I/N of the scripts (stable by name)")
      ("max-cpu", po::value<double>()->default_value(90), "start no further test while CPUs are this % busy, niced work aside (100: off)")
      ("tcpdrill", po::value<std::string>(), "tcpdrill binary to run per test (default: this one)")
      ("list", "print each test's command and directory instead of running")
      ("vm", "run the tests in QEMU guests (the kernel under test on a virtual clock; no root needed)")
      // The default is vm::kDefaultKernel, which the runner, below vm/, cannot name.
      ("kernel", po::value<std::string>(), "with --vm: a bzImage/vmlinuz path, or debian:6.1, debian:6.12, debian:7.2 or an exact Debian version (default debian:6.12)")
      ("vm-clock", po::value<std::string>()->default_value("virtual"), "with --vm: virtual (TCG, deterministic) or real (KVM)")
      ("vm-exact", "with --vm: each test in a guest of its own resumed from the saved boot, so every run of it is the same to the bit (about 1 s of CPU more per test)");
  return options;
}

void check(bool ok, const std::string& message) {
  if (!ok) throw UsageError(message);
}

}  // namespace

RunOptions parse_run_options(int argc, char** argv) {
  RunOptions result;
  // Everything after the first "--" belongs to the child tcpdrill, not to us.
  int own_argc = argc;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--") {
      own_argc = i;
      result.child_args.assign(argv + i + 1, argv + argc);
      break;
    }
  }

  const po::options_description visible = visible_options();
  po::options_description all;
  all.add(visible).add_options()("path", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  try {
    // No prefix guessing (like the script command line): `--rep` must not quietly
    // mean --repeat, nor break when a longer option is added later.
    constexpr int kStyle = po::command_line_style::default_style &
                           ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(own_argc, argv)
                  .options(all)
                  .positional(positional)
                  .style(kStyle)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::unknown_option& error) {
    // The usual mistake: a flag of the tests themselves (-v, --tolerance_usecs=...).
    throw UsageError(std::string(error.what()) +
                     "\n(flags for every test go after '--', as in 'tcpdrill run scripts/ -- -v';"
                     " see 'tcpdrill run --help')");
  } catch (const po::error& error) {
    throw UsageError(error.what());
  }
  if (vm.count("help")) {
    std::ostringstream text;
    text << visible;
    result.help = true;
    result.help_text = text.str();
    return result;
  }

  if (vm.count("path")) result.paths = vm["path"].as<std::vector<std::string>>();
  check(!result.paths.empty(), "no PATH given (a .pkt file or a directory of them)");
  result.jobs = vm.count("jobs") ? vm["jobs"].as<unsigned>() : available_cpus();
  // Boost reads "-1" as a huge unsigned; bound the counts to catch that.
  check(result.jobs >= 1 && result.jobs <= 4096, "--jobs must be between 1 and 4096");
  const double timeout = vm["timeout"].as<double>();
  check(std::isfinite(timeout) && timeout > 0, "--timeout must be a positive number of seconds");
  result.timeout = std::chrono::milliseconds(static_cast<long long>(std::ceil(timeout * 1000)));
  if (vm.count("ipv4")) result.variants.push_back(Variant::Ipv4);
  if (vm.count("ipv6")) result.variants.push_back(Variant::Ipv6);
  if (vm.count("mapped")) result.variants.push_back(Variant::Ipv4MappedIpv6);
  if (vm.count("tap")) result.tap_file = vm["tap"].as<std::string>();
  if (vm.count("junit")) result.junit_file = vm["junit"].as<std::string>();
  if (vm.count("json")) result.json_file = vm["json"].as<std::string>();
  if (vm.count("capture")) result.capture_dir = vm["capture"].as<std::string>();
  result.capture_all = vm.count("capture-all") > 0;
  if (vm.count("trace-state")) result.trace_dir = vm["trace-state"].as<std::string>();
  if (vm.count("html")) result.html_dir = vm["html"].as<std::string>();
  check(!result.capture_all || result.capture_dir || result.html_dir,
        "--capture-all needs --capture DIR or --html DIR");
  result.ktap = vm.count("ktap") > 0;
  result.repeat = vm["repeat"].as<unsigned>();
  check(result.repeat >= 1 && result.repeat <= 100000, "--repeat must be between 1 and 100000");
  result.retry_timing = vm["retry-timing"].as<unsigned>();
  check(result.retry_timing <= 1000, "--retry-timing must be between 0 and 1000");
  if (vm.count("shard")) {
    result.shard_text = vm["shard"].as<std::string>();
    result.shard = parse_shard(result.shard_text);
  }
  const double max_cpu = vm["max-cpu"].as<double>();
  check(max_cpu > 0 && max_cpu <= 100, "--max-cpu must be a percentage in (0, 100]");
  result.max_busy_fraction = max_cpu / 100.0;
  if (vm.count("tcpdrill")) result.tcpdrill = vm["tcpdrill"].as<std::string>();
  result.list_only = vm.count("list") > 0;
  result.vm = vm.count("vm") > 0;
  if (vm.count("kernel")) result.kernel = vm["kernel"].as<std::string>();
  result.vm_clock = vm["vm-clock"].as<std::string>();
  result.vm_exact = vm.count("vm-exact") > 0;
  check(result.vm || (!vm.count("kernel") && vm["vm-clock"].defaulted() && !result.vm_exact),
        std::string(vm.count("kernel") ? "--kernel" : result.vm_exact ? "--vm-exact" : "--vm-clock") + " needs --vm");
  check(!result.vm_exact || result.vm_clock == "virtual", "--vm-exact needs --vm-clock=virtual");
  check(result.vm_clock == "virtual" || result.vm_clock == "real",
        "--vm-clock must be virtual or real, not '" + result.vm_clock + "'");
  return result;
}

}  // namespace tcpdrill::runner
