#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

#include "runner/scheduler.h"

namespace tcpdrill::runner {

// What `tcpdrill run` prints while it runs:
//  - Plain (stdout is not a terminal): one line per finished case, e.g.
//    "FAIL    tcp/x.pkt ipv4 1.20s: x.pkt:12:3: error: ...", a failure's report under it.
//  - Terminal: one progress line updated in place (done/total, elapsed, ETA), with the
//    cases that did not simply pass printed above it.
//  - Ktap: kselftest KTAP on the stream instead of the plain lines, each failure's log as
//    "# " diagnostic lines before its result line.
class ConsoleReporter final : public SchedulerObserver {
 public:
  enum class Style { Plain, Terminal, Ktap };
  ConsoleReporter(std::ostream& out, Style style, std::size_t total_cases);

  void begin();  // KTAP header and plan; nothing otherwise
  void on_attempt_started(const TestCase& test, unsigned repetition, unsigned retry) override;
  void on_case_finished(const CaseResult& result) override;
  void on_tick() override;  // keeps elapsed/ETA moving during long tests
  // Clears the progress line; KTAP gets its totals line.
  void end(const SuiteResult& suite);

 private:
  void draw_progress();
  void clear_progress();

  std::ostream& out_;
  Style style_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::size_t ktap_number_ = 0;
  std::chrono::steady_clock::time_point start_;
  bool progress_shown_ = false;
};

// What a failed attempt's child printed beyond its headline (the source line, the
// expected and actual packets, each differing field, the events and state before the
// failure), each line indented by four spaces: printed under a FAIL or FLAKY line.
std::string failure_details(const AttemptRecord& attempt);

// "ok      tcp/x.pkt ipv4 0.52s" and friends (see ConsoleReporter).
std::string format_result_line(const CaseResult& result);

// KTAP/TAP-safe test name: "tcp/x.pkt ipv4" with '#' and line breaks replaced.
std::string tap_test_name(const TestCase& test);

// The closing lines: "N flaky" (if any), "interrupted ..." (if so), then exactly
// "N passed, N failed, N skipped" and "wall time X.XX s".
void write_summary(std::ostream& out, const SuiteResult& suite);

// "1:05" / "1:02:03".
std::string format_clock(std::chrono::seconds elapsed);

}  // namespace tcpdrill::runner
