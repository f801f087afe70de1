#include "runner/attempt_files.h"

#include "runner/process_executor.h"

namespace tcpdrill::runner {
namespace {

std::optional<std::filesystem::path> existing(const std::optional<std::filesystem::path>& dir,
                                              const TestAttempt& attempt, std::string_view extension) {
  if (!dir) return std::nullopt;
  std::filesystem::path file = attempt_file(*dir, attempt, extension);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

}  // namespace

AttemptFileDirs attempt_file_dirs(const RunOptions& options) {
  AttemptFileDirs dirs;
  dirs.capture = options.capture_dir ? options.capture_dir : options.html_dir;
  dirs.timeline = options.trace_dir;
  dirs.picture = options.html_dir;
  dirs.keep_every_capture = options.capture_all;
  return dirs;
}

void collect_attempt_files(SuiteResult& suite, const AttemptFileDirs& dirs) {
  for (CaseResult& result : suite.cases) {
    for (AttemptRecord& record : result.attempts) {
      const TestAttempt attempt{result.test, record.repetition, record.retry};
      record.capture = existing(dirs.capture, attempt, ".pcap");
      const bool failed = record.verdict == AttemptVerdict::Fail || record.verdict == AttemptVerdict::Timeout;
      if (record.capture && !failed && !dirs.keep_every_capture) {
        std::error_code ec;
        std::filesystem::remove(*record.capture, ec);
        record.capture.reset();
      }
      record.timeline = existing(dirs.timeline, attempt, ".csv");
      record.picture = existing(dirs.picture, attempt, ".svg");
    }
  }
}

}  // namespace tcpdrill::runner
