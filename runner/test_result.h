#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/test_executor.h"

namespace tcpdrill::runner {

enum class AttemptVerdict { Pass, Fail, Skip, Timeout };

// One finished execution of a test case, reduced to what reports need.
struct AttemptRecord {
  unsigned repetition = 0;
  unsigned retry = 0;
  AttemptVerdict verdict = AttemptVerdict::Pass;
  // Failure: the `FILE:LINE:COL: error: MESSAGE` line (or why the child died);
  // skip: the environment's reason; pass: empty.
  std::string message;
  std::optional<unsigned> script_line;
  std::optional<unsigned> script_column;
  bool timing_error = false;
  std::string log;     // the child's full stderr
  std::string output;  // the child's full stdout
  std::chrono::nanoseconds duration{0};
  // What the child wrote for this attempt and the runner kept (--capture, --trace-state,
  // --html); see collect_attempt_files.
  std::optional<std::filesystem::path> capture, timeline, picture;
};

// Turns a finished (not cancelled) execution into a record, following the child
// contract: exit 0 pass, 1 fail, 125 skip; anything else is a failure too.
AttemptRecord classify_attempt(const ExecutionResult& result, unsigned repetition, unsigned retry);

// A script that could not be read fails without running.
AttemptRecord unreadable_attempt(const std::string& reason);

// The verdict of a test case over all its runs (--repeat) and reruns (--retry-timing).
enum class Verdict { Pass, PassedOnRetry, Fail, Timeout, Skip, Flaky };

// "pass", "passed_on_retry", "fail", "timeout", "skip", "flaky" (report spelling).
std::string_view verdict_name(Verdict verdict);
std::optional<Verdict> parse_verdict(std::string_view name);

struct CaseResult {
  TestCase test;
  Verdict verdict = Verdict::Pass;
  std::vector<AttemptRecord> attempts;  // in the order they finished
  unsigned runs = 0;        // repetitions that finished
  unsigned passed_runs = 0; // ... that ended in a pass (possibly after retries)
  unsigned failed_runs = 0; // ... that ended in a failure or timeout
  std::chrono::nanoseconds duration{0};  // all attempts together
  std::size_t decisive = 0;  // the attempt whose message and log the reports show

  const AttemptRecord& decisive_attempt() const { return attempts.at(decisive); }
  // Passed runs over runs that passed or failed; 0 when none did.
  double pass_ratio() const;
};

// Combines a case's attempts: runs that both passed and failed make it Flaky; a run that
// passed only after a timing retry makes it PassedOnRetry; all runs failing by timeout
// make it Timeout; only skips make it Skip.
CaseResult summarize_case(const TestCase& test, std::vector<AttemptRecord> attempts);

struct SuiteCounts {
  unsigned passed = 0;   // Pass + PassedOnRetry
  unsigned failed = 0;   // Fail + Timeout
  unsigned skipped = 0;
  unsigned flaky = 0;
  unsigned timed_out = 0;      // included in failed
  unsigned passed_on_retry = 0;  // included in passed
};

struct SuiteResult {
  std::vector<CaseResult> cases;  // finished cases only, in plan order
  std::size_t planned = 0;        // cases that were to run
  bool interrupted = false;
  // What an interrupted run did not finish, in plan order: the reports list these as
  // skipped with `unfinished_reason`, so that a partial run does not pass for a whole one.
  std::vector<TestCase> unfinished;
  std::string unfinished_reason;
  std::chrono::nanoseconds wall_time{0};

  SuiteCounts counts() const;
};

// 130 interrupted; 1 any failure, timeout or flaky case; 125 when every case was skipped
// (the environment cannot run them: tells `git bisect run` to skip the commit); else 0.
int suite_exit_code(const SuiteResult& suite);

}  // namespace tcpdrill::runner
