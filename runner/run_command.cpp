#include "runner/run_command.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "runner/attempt_files.h"
#include "runner/process_executor.h"
#include "runner/script_discovery.h"
#include "runner/suite_runner.h"
#include "runner/usage_error.h"

namespace tcpdrill::runner {
namespace {

std::filesystem::path this_executable() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path("tcpdrill") : path;
}

void list_commands(const std::vector<TestCase>& cases, const ChildCommandConfig& config) {
  for (const TestCase& test : cases) {
    const TestAttempt attempt{test};
    std::cout << "cd " << test.script.absolute_path.parent_path().string() << " &&";
    for (const std::string& arg : child_command(config, attempt)) std::cout << ' ' << arg;
    std::cout << '\n';
  }
}

}  // namespace

int run_suite_command(int argc, char** argv, const SuiteBackendFactory& vm_backend) {
  RunOptions options;
  std::vector<TestCase> cases;
  try {
    options = parse_run_options(argc, argv);
    if (options.help) {
      std::cout << options.help_text;
      return 0;
    }
    std::vector<Script> scripts = discover_scripts(options.paths);
    if (options.shard) scripts = select_shard(std::move(scripts), *options.shard);
    cases = plan_test_cases(scripts, options.variants);
    auto create = [](const std::optional<std::filesystem::path>& dir, const char* option) {
      if (!dir) return;
      std::error_code ec;
      std::filesystem::create_directories(*dir, ec);
      if (ec) {
        throw UsageError(std::string("cannot create ") + option + " directory " + dir->string() +
                         ": " + ec.message());
      }
    };
    create(options.capture_dir, "--capture");
    create(options.trace_dir, "--trace-state");
    create(options.html_dir, "--html");
  } catch (const MissingPathError& error) {
    std::cerr << "tcpdrill run: " << error.what() << '\n';
    return kExitMissingPath;
  } catch (const UsageError& error) {
    std::cerr << "tcpdrill run: " << error.what() << '\n';
    return 2;
  }

  ChildCommandConfig command;
  command.tcpdrill = options.tcpdrill.value_or(this_executable());
  command.extra_args = options.child_args;
  const AttemptFileDirs dirs = attempt_file_dirs(options);
  command.capture_dir = dirs.capture;
  command.trace_dir = dirs.timeline;
  command.plot_dir = dirs.picture;
  if (options.list_only) {
    list_commands(cases, command);
    return 0;
  }

  RunInfo info = collect_run_info();
  const CancelSignal cancel;
  const ScopedCancelOnSignals route_signals(cancel);
  SuiteBackend backend;
  if (options.vm) {
    try {
      backend = vm_backend(options, cases, command, cancel);
    } catch (const BackendUnavailable& error) {
      if (cancel.requested()) return 130;
      std::cerr << "tcpdrill run: " << error.what() << '\n';
      return 125;
    }
    info.kernel_release = backend.kernel_release;
    info.backend = backend.description;
    // A virtual clock does not see the host's load: nothing to hold back for.
    if (!backend.host_timing) options.max_busy_fraction = 1.0;
  } else {
    backend.executor = std::make_unique<ProcessExecutor>(command);
  }
  ProcStatLoadProbe load;
  const bool terminal = !options.ktap && ::isatty(STDOUT_FILENO) == 1;
  return run_suite(options, cases, std::move(info), *backend.executor, load, cancel,
                   SuiteStreams{std::cout, std::cerr, terminal});
}

}  // namespace tcpdrill::runner
