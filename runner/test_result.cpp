#include "runner/test_result.h"

#include <array>
#include <charconv>
#include <optional>
#include <utility>

#include "parser/display_text.h"

namespace tcpdrill::runner {
namespace {

constexpr int kExitFail = 1;
constexpr int kExitSkip = 125;

std::string_view first_nonempty_line(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) return line;
    start = end + 1;
  }
  return {};
}

// `FILE:LINE:COL: error: ...` with the first such position in the line, or false. By
// hand: std::regex recurses once per character and overflows the stack on a line of
// 100 kB, which any test's output may hold.
bool parse_diagnostic(std::string_view line, AttemptRecord& record) {
  constexpr std::string_view kMarker = ": error: ";
  const auto number_before = [&](std::size_t end, unsigned& value) -> std::optional<std::size_t> {
    std::size_t start = end;
    while (start > 0 && line[start - 1] >= '0' && line[start - 1] <= '9') --start;
    if (start == end || start == 0 || line[start - 1] != ':') return std::nullopt;
    const auto [stop, error] = std::from_chars(line.data() + start, line.data() + end, value);
    if (error != std::errc() || stop != line.data() + end) return std::nullopt;
    return start - 1;
  };
  for (std::size_t marker = line.find(kMarker); marker != std::string_view::npos;
       marker = line.find(kMarker, marker + 1)) {
    unsigned column = 0;
    unsigned line_number = 0;
    const auto column_colon = number_before(marker, column);
    if (!column_colon || !number_before(*column_colon, line_number)) continue;
    record.message = std::string(line);
    record.script_line = line_number;
    record.script_column = column;
    return true;
  }
  return false;
}

// The child contract puts the diagnostic first, but a test's own shell commands may print
// before it; take the first line that looks like one.
void take_diagnostic(AttemptRecord& record, std::string_view log) {
  for (std::size_t start = 0; start < log.size();) {
    std::size_t end = log.find('\n', start);
    if (end == std::string_view::npos) end = log.size();
    std::string_view line = log.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (parse_diagnostic(line, record)) return;
    start = end + 1;
  }
  record.message = std::string(first_nonempty_line(log));
}

// Why a child skipped: tcpdrill's "PATH: cannot run on this host: WHY" line. A script
// with an unmet requirement runs anyway, so its init command's and its own errors can
// come first; other children only have their first line to go by.
std::string_view skip_reason(std::string_view log) {
  static constexpr std::string_view kMarker = ": cannot run on this host: ";
  const std::size_t marker = log.find(kMarker);
  if (marker == std::string_view::npos) return first_nonempty_line(log);
  const std::size_t line_start = log.rfind('\n', marker);
  return first_nonempty_line(log.substr(line_start == std::string_view::npos ? 0 : line_start + 1));
}

}  // namespace

AttemptRecord classify_attempt(const ExecutionResult& result, unsigned repetition, unsigned retry) {
  AttemptRecord record;
  record.repetition = repetition;
  record.retry = retry;
  record.log = result.standard_error;
  record.output = result.standard_output;
  record.duration = result.duration;
  switch (result.ending) {
    case ChildEnding::Exited:
      if (result.exit_code == 0) return record;
      if (result.exit_code == kExitSkip) {
        record.verdict = AttemptVerdict::Skip;
        record.message = std::string(skip_reason(result.standard_error));
        if (record.message.empty()) record.message = "environment cannot run this test";
        return record;
      }
      record.verdict = AttemptVerdict::Fail;
      take_diagnostic(record, result.standard_error);
      if (record.message.empty() || result.exit_code != kExitFail) {
        const std::string status = "exited with status " + std::to_string(result.exit_code);
        record.message = record.message.empty() ? status : record.message + " (" + status + ")";
      }
      break;
    case ChildEnding::Signaled:
      record.verdict = AttemptVerdict::Fail;
      take_diagnostic(record, result.standard_error);
      record.message = "killed by signal " + std::to_string(result.signal) +
                       (record.message.empty() ? "" : ": " + record.message);
      break;
    case ChildEnding::TimedOut:
    case ChildEnding::Cancelled:
      record.verdict = AttemptVerdict::Timeout;
      record.message = "timed out after " +
                       std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                          result.duration).count()) +
                       " s; killed";
      break;
    case ChildEnding::LaunchFailed:
      record.verdict = AttemptVerdict::Fail;
      record.message = result.standard_error;
      break;
  }
  record.timing_error = record.message.find("timing error") != std::string::npos;
  // Reports and the console show the message on one line, whatever the child printed.
  record.message = bounded_line(record.message);
  return record;
}

AttemptRecord unreadable_attempt(const std::string& reason) {
  AttemptRecord record;
  record.verdict = AttemptVerdict::Fail;
  record.message = bounded_line(reason);
  record.log = record.message + "\n";
  return record;
}

namespace {
constexpr std::array<std::pair<Verdict, std::string_view>, 6> kVerdictNames{{
    {Verdict::Pass, "pass"},
    {Verdict::PassedOnRetry, "passed_on_retry"},
    {Verdict::Fail, "fail"},
    {Verdict::Timeout, "timeout"},
    {Verdict::Skip, "skip"},
    {Verdict::Flaky, "flaky"},
}};
}  // namespace

std::string_view verdict_name(Verdict verdict) {
  for (const auto& [value, name] : kVerdictNames) {
    if (value == verdict) return name;
  }
  return "?";
}

std::optional<Verdict> parse_verdict(std::string_view name) {
  for (const auto& [value, spelled] : kVerdictNames) {
    if (spelled == name) return value;
  }
  return std::nullopt;
}

double CaseResult::pass_ratio() const {
  const unsigned decided = passed_runs + failed_runs;
  return decided == 0 ? 0.0 : static_cast<double>(passed_runs) / decided;
}

CaseResult summarize_case(const TestCase& test, std::vector<AttemptRecord> attempts) {
  CaseResult result;
  result.test = test;
  result.attempts = std::move(attempts);
  if (result.attempts.empty()) throw std::invalid_argument("summarize_case: no attempts");

  // A run's outcome is its last attempt; earlier ones of the same run were retried.
  unsigned max_repetition = 0;
  for (const AttemptRecord& attempt : result.attempts) {
    max_repetition = std::max(max_repetition, attempt.repetition);
    result.duration += attempt.duration;
  }
  bool any_retried_pass = false;
  bool all_failures_timeouts = true;
  std::optional<std::size_t> last_failure;
  std::optional<std::size_t> first_skip;
  for (unsigned repetition = 0; repetition <= max_repetition; ++repetition) {
    std::optional<std::size_t> last;
    for (std::size_t i = 0; i < result.attempts.size(); ++i) {
      if (result.attempts[i].repetition == repetition) last = i;
    }
    if (!last) continue;
    const AttemptRecord& final_attempt = result.attempts[*last];
    ++result.runs;
    switch (final_attempt.verdict) {
      case AttemptVerdict::Pass:
        ++result.passed_runs;
        if (final_attempt.retry > 0) any_retried_pass = true;
        break;
      case AttemptVerdict::Skip:
        if (!first_skip) first_skip = *last;
        break;
      case AttemptVerdict::Fail:
        all_failures_timeouts = false;
        [[fallthrough]];
      case AttemptVerdict::Timeout:
        ++result.failed_runs;
        last_failure = *last;
        break;
    }
  }
  result.decisive = result.attempts.size() - 1;
  if (result.passed_runs > 0 && result.failed_runs > 0) {
    result.verdict = Verdict::Flaky;
    result.decisive = *last_failure;
  } else if (result.failed_runs > 0) {
    result.verdict = all_failures_timeouts ? Verdict::Timeout : Verdict::Fail;
    result.decisive = *last_failure;
  } else if (result.passed_runs > 0) {
    result.verdict = any_retried_pass ? Verdict::PassedOnRetry : Verdict::Pass;
  } else {
    result.verdict = Verdict::Skip;
    result.decisive = first_skip.value_or(result.decisive);
  }
  return result;
}

SuiteCounts SuiteResult::counts() const {
  SuiteCounts counts;
  for (const CaseResult& result : cases) {
    switch (result.verdict) {
      case Verdict::PassedOnRetry: ++counts.passed_on_retry; [[fallthrough]];
      case Verdict::Pass: ++counts.passed; break;
      case Verdict::Timeout: ++counts.timed_out; [[fallthrough]];
      case Verdict::Fail: ++counts.failed; break;
      case Verdict::Skip: ++counts.skipped; break;
      case Verdict::Flaky: ++counts.flaky; break;
    }
  }
  return counts;
}

int suite_exit_code(const SuiteResult& suite) {
  if (suite.interrupted) return 130;
  const SuiteCounts counts = suite.counts();
  if (counts.failed > 0 || counts.flaky > 0) return 1;
  if (!suite.cases.empty() && counts.skipped == suite.cases.size()) return 125;
  return 0;
}

}  // namespace tcpdrill::runner
