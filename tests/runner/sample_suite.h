#pragma once

#include "runner/run_info.h"
#include "runner/test_result.h"
#include "tests/runner/fake_executor.h"

namespace tcpdrill::runner::testing {

inline AttemptRecord attempt(AttemptVerdict verdict, std::string message = "", unsigned repetition = 0,
                             unsigned retry = 0) {
  AttemptRecord record;
  record.verdict = verdict;
  record.message = std::move(message);
  record.repetition = repetition;
  record.retry = retry;
  record.duration = std::chrono::milliseconds(250);
  if (verdict != AttemptVerdict::Pass) record.log = record.message + "\n  7 | +0 < S 0:0(0) win <1000>\n";
  return record;
}

// One case of every verdict, with a failure log full of characters that need escaping.
inline SuiteResult sample_suite() {
  AttemptRecord fail = attempt(AttemptVerdict::Fail, "b.pkt:7:9: error: bad <mss> & \"win\" \x01 \xff");
  fail.script_line = 7;
  fail.script_column = 9;
  fail.output = "stdout of b\n";
  AttemptRecord timing = attempt(AttemptVerdict::Fail, "e.pkt:3:1: error: timing error");
  timing.timing_error = true;
  SuiteResult suite;
  suite.cases = {
      summarize_case(make_case("a.pkt"), {attempt(AttemptVerdict::Pass)}),
      summarize_case(make_case("dir/b.pkt", Variant::Ipv6), {fail}),
      summarize_case(make_case("c.pkt"), {attempt(AttemptVerdict::Skip, "no /dev/net/tun")}),
      summarize_case(make_case("d # odd.pkt"), {attempt(AttemptVerdict::Timeout, "timed out after 180 s; killed")}),
      summarize_case(make_case("e.pkt"), {timing, attempt(AttemptVerdict::Pass, "", 0, 1)}),
      summarize_case(make_case("f.pkt"), {attempt(AttemptVerdict::Pass), attempt(AttemptVerdict::Fail, "f.pkt:1:1: error: x", 1)}),
  };
  suite.planned = suite.cases.size();
  suite.wall_time = std::chrono::milliseconds(1500);
  return suite;
}

// The sample suite as if SIGINT came after its first two cases.
inline SuiteResult interrupted_suite() {
  SuiteResult suite = sample_suite();
  for (std::size_t i = 2; i < suite.cases.size(); ++i) suite.unfinished.push_back(suite.cases[i].test);
  suite.cases.resize(2);
  suite.interrupted = true;
  suite.unfinished_reason = "not run: the run was interrupted (SIGINT)";
  return suite;
}

inline RunInfo sample_info() {
  RunInfo info;
  info.tcpdrill_version = "0.1.0";
  info.kernel_release = "6.1.0-test";
  info.hostname = "ci-1";
  info.load_average = std::array<double, 3>{0.5, 0.25, 0.125};
  info.start_time = std::chrono::system_clock::from_time_t(1'800'000'000);
  info.jobs = 2;
  info.timeout = std::chrono::seconds(180);
  return info;
}

}  // namespace tcpdrill::runner::testing
