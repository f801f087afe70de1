#include "runner/process_executor.h"

#include <algorithm>
#include <system_error>

namespace tcpdrill::runner {

std::filesystem::path attempt_file(const std::filesystem::path& dir, const TestAttempt& attempt,
                                   std::string_view extension) {
  std::string stem = attempt.test.script.name;
  if (stem.size() > 4 && stem.ends_with(".pkt")) stem.resize(stem.size() - 4);
  std::replace(stem.begin(), stem.end(), '/', '_');
  std::string file = stem + "_" + std::string(variant_name(attempt.test.variant));
  // Attempts are numbered across repetitions and retries so none overwrites another.
  if (attempt.repetition > 0 || attempt.retry > 0) {
    file += "." + std::to_string(attempt.repetition + 1) + "-" + std::to_string(attempt.retry);
  }
  return dir / (file + std::string(extension));
}

std::vector<std::string> child_command(const ChildCommandConfig& config,
                                       const TestAttempt& attempt) {
  std::vector<std::string> argv{config.tcpdrill.string()};
  argv.insert(argv.end(), config.extra_args.begin(), config.extra_args.end());
  argv.emplace_back("--send_omit_free");
  for (std::string& arg : variant_arguments(attempt.test.variant)) argv.push_back(std::move(arg));
  // The child runs in the script's directory: relative directories are made absolute.
  auto add_file = [&](const std::optional<std::filesystem::path>& dir, const char* option,
                      std::string_view extension) {
    if (!dir) return;
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(*dir, ec);
    argv.push_back(option + attempt_file(ec ? *dir : absolute, attempt, extension).string());
  };
  add_file(config.capture_dir, "--capture=", ".pcap");
  add_file(config.trace_dir, "--trace-state=", ".csv");
  add_file(config.plot_dir, "--plot=", ".svg");
  argv.push_back(attempt.test.script.absolute_path.filename().string());
  return argv;
}

ExecutionResult ProcessExecutor::execute(const TestAttempt& attempt, const CancelSignal& cancel) {
  ChildRequest request;
  request.argv = child_command(config_, attempt);
  request.cwd = attempt.test.script.absolute_path.parent_path();
  request.timeout = attempt.timeout;
  try {
    return run_child(request, cancel);
  } catch (const std::system_error& error) {
    ExecutionResult result;
    result.ending = ChildEnding::LaunchFailed;
    result.standard_error = error.what();
    return result;
  }
}

}  // namespace tcpdrill::runner
