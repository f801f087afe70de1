#include "runner/suite_runner.h"

#include <stdexcept>

#include "runner/attempt_files.h"
#include "runner/console_reporter.h"
#include "runner/html_report.h"
#include "runner/json_report.h"
#include "runner/junit_report.h"
#include "runner/report_file.h"
#include "runner/scheduler.h"
#include "runner/tap_report.h"

namespace tcpdrill::runner {

int run_suite(const RunOptions& options, const std::vector<TestCase>& cases, RunInfo info,
              TestExecutor& executor, LoadProbe& load, const CancelSignal& cancel,
              const SuiteStreams& streams) {
  info.jobs = options.jobs;
  info.repeat = options.repeat;
  info.retry_timing = options.retry_timing;
  info.timeout = options.timeout;
  info.shard = options.shard_text;

  using Style = ConsoleReporter::Style;
  const Style style = options.ktap ? Style::Ktap : streams.terminal ? Style::Terminal : Style::Plain;
  ConsoleReporter reporter(streams.out, style, cases.size());
  reporter.begin();

  SchedulerOptions scheduling;
  scheduling.jobs = options.jobs;
  scheduling.timeout = options.timeout;
  scheduling.repeat = options.repeat;
  scheduling.retry_timing = options.retry_timing;
  scheduling.max_busy_fraction = options.max_busy_fraction;
  if (style == Style::Terminal) scheduling.tick = std::chrono::seconds(1);
  Scheduler scheduler(executor, load, scheduling);
  SuiteResult suite = scheduler.run(cases, cancel, reporter);
  collect_attempt_files(suite, attempt_file_dirs(options));

  reporter.end(suite);
  write_summary(options.ktap ? streams.err : streams.out, suite);

  // Reports are written even after Ctrl-C: the finished tests' verdicts are real.
  int exit_code = suite_exit_code(suite);
  auto report = [&](const std::optional<std::filesystem::path>& file, auto writer) {
    if (!file) return;
    try {
      write_report_file(*file, [&](std::ostream& out) { writer(out, suite, info); });
    } catch (const std::runtime_error& error) {
      streams.err << "tcpdrill run: " << error.what() << '\n';
      if (exit_code != 130) exit_code = 2;
    }
  };
  report(options.tap_file, write_tap_report);
  report(options.junit_file, write_junit_report);
  report(options.json_file, write_json_report);
  if (options.html_dir) {
    report(*options.html_dir / "index.html",
           [&](std::ostream& out, const SuiteResult& done, const RunInfo& run) {
             write_html_report(out, *options.html_dir, done, run);
           });
  }
  return exit_code;
}

}  // namespace tcpdrill::runner
