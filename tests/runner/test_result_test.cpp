#include "runner/test_result.h"

#include <gtest/gtest.h>

namespace tcpdrill::runner {
namespace {

ExecutionResult exited(int code, std::string err = "") {
  ExecutionResult result;
  result.exit_code = code;
  result.standard_error = std::move(err);
  return result;
}

TEST(Classify, ExitZeroPasses) {
  const AttemptRecord record = classify_attempt(exited(0, "noise\n"), 0, 0);
  EXPECT_EQ(record.verdict, AttemptVerdict::Pass);
  EXPECT_TRUE(record.message.empty());
}

TEST(Classify, ExitOneTakesTheDiagnosticLine) {
  const AttemptRecord record = classify_attempt(
      exited(1, "sysctl: ok\nt.pkt:20:3: error: timing error: expected 0.1 got 0.2\n  20 | +0 > .\n"), 1, 2);
  EXPECT_EQ(record.verdict, AttemptVerdict::Fail);
  EXPECT_EQ(record.message, "t.pkt:20:3: error: timing error: expected 0.1 got 0.2");
  EXPECT_EQ(record.script_line, 20u);
  EXPECT_EQ(record.script_column, 3u);
  EXPECT_TRUE(record.timing_error);
  EXPECT_EQ(record.repetition, 1u);
  EXPECT_EQ(record.retry, 2u);
  EXPECT_NE(record.log.find("20 | +0 > ."), std::string::npos);
}

TEST(Classify, FailureWithoutDiagnosticUsesFirstLineOrStatus) {
  EXPECT_EQ(classify_attempt(exited(1, "\nsomething broke\n"), 0, 0).message, "something broke");
  EXPECT_EQ(classify_attempt(exited(1), 0, 0).message, "exited with status 1");
  const AttemptRecord odd = classify_attempt(exited(3, "weird\n"), 0, 0);
  EXPECT_EQ(odd.verdict, AttemptVerdict::Fail);
  EXPECT_EQ(odd.message, "weird (exited with status 3)");
  EXPECT_FALSE(odd.script_line);
}

// A test's shell command may print anything before tcpdrill's diagnostic: a megabyte
// on one line once crashed the runner, and the report line must stay short and printable.
TEST(Classify, HugeControlCharacterOutputGivesABoundedPrintableMessage) {
  const std::string noise = "\x1b[2J" + std::string(1'000'000, 'n') + "\n";
  AttemptRecord record = classify_attempt(exited(1, noise + "t.pkt:4:1: error: bad\n"), 0, 0);
  EXPECT_EQ(record.message, "t.pkt:4:1: error: bad");
  EXPECT_EQ(record.script_line, 4u);
  record = classify_attempt(exited(1, noise), 0, 0);
  EXPECT_LT(record.message.size(), 400u);
  EXPECT_EQ(record.message.rfind("\\x1b[2Jnnn", 0), 0u) << record.message.substr(0, 40);
  EXPECT_EQ(record.message.find('\x1b'), std::string::npos);
}

TEST(Classify, DiagnosticIsTheFirstFileLineColumnErrorOfALine) {
  const AttemptRecord record =
      classify_attempt(exited(1, "a: error: no position\nx:y:1: error: no line\ndir/a:b.pkt:12:7: error: it\n"), 0, 0);
  EXPECT_EQ(record.message, "dir/a:b.pkt:12:7: error: it");
  EXPECT_EQ(record.script_line, 12u);
  EXPECT_EQ(record.script_column, 7u);
}

TEST(Classify, Exit125IsASkipWithTheReason) {
  const AttemptRecord record = classify_attempt(exited(125, "preflight: no /dev/net/tun\n"), 0, 0);
  EXPECT_EQ(record.verdict, AttemptVerdict::Skip);
  EXPECT_EQ(record.message, "preflight: no /dev/net/tun");
}

TEST(Classify, SkipReasonIsTheHostLineEvenAfterTheScriptsOwnOutput) {
  const AttemptRecord record = classify_attempt(
      exited(125, "sysctl: setting key \"net.ipv4.tcp_congestion_control\": Operation not permitted\n"
                  "a.pkt:7:4: error: setsockopt: Expected 0 but got -1\n"
                  "a.pkt: cannot run on this host: congestion control cubic is not allowed\n"),
      0, 0);
  EXPECT_EQ(record.verdict, AttemptVerdict::Skip);
  EXPECT_EQ(record.message, "a.pkt: cannot run on this host: congestion control cubic is not allowed");
}

TEST(Classify, SignalTimeoutAndLaunchFailure) {
  ExecutionResult killed;
  killed.ending = ChildEnding::Signaled;
  killed.signal = 6;
  EXPECT_EQ(classify_attempt(killed, 0, 0).message, "killed by signal 6");

  ExecutionResult timed_out;
  timed_out.ending = ChildEnding::TimedOut;
  timed_out.duration = std::chrono::seconds(180);
  const AttemptRecord timeout = classify_attempt(timed_out, 0, 0);
  EXPECT_EQ(timeout.verdict, AttemptVerdict::Timeout);
  EXPECT_EQ(timeout.message, "timed out after 180 s; killed");
  EXPECT_FALSE(timeout.timing_error);

  ExecutionResult launch;
  launch.ending = ChildEnding::LaunchFailed;
  launch.standard_error = "cannot start /x: No such file or directory";
  EXPECT_EQ(classify_attempt(launch, 0, 0).verdict, AttemptVerdict::Fail);
}

TEST(Verdicts, NamesRoundTrip) {
  for (Verdict verdict : {Verdict::Pass, Verdict::PassedOnRetry, Verdict::Fail, Verdict::Timeout,
                          Verdict::Skip, Verdict::Flaky}) {
    EXPECT_EQ(parse_verdict(verdict_name(verdict)), verdict);
  }
  EXPECT_FALSE(parse_verdict("ok"));
}

TEST(Summarize, TimeoutOnlyWhenEveryFailedRunTimedOut) {
  AttemptRecord timeout;
  timeout.verdict = AttemptVerdict::Timeout;
  AttemptRecord fail;
  fail.verdict = AttemptVerdict::Fail;
  fail.repetition = 1;
  EXPECT_EQ(summarize_case(TestCase{}, {timeout}).verdict, Verdict::Timeout);
  EXPECT_EQ(summarize_case(TestCase{}, {timeout, fail}).verdict, Verdict::Fail);
}

TEST(Summarize, SkipsDoNotCountTowardsThePassRatio) {
  AttemptRecord skip;
  skip.verdict = AttemptVerdict::Skip;
  AttemptRecord pass;
  pass.repetition = 1;
  const CaseResult result = summarize_case(TestCase{}, {skip, pass});
  EXPECT_EQ(result.verdict, Verdict::Pass);
  EXPECT_DOUBLE_EQ(result.pass_ratio(), 1.0);
}

}  // namespace
}  // namespace tcpdrill::runner
