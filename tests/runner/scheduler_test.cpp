#include "runner/scheduler.h"

#include <gtest/gtest.h>

#include "tests/runner/fake_executor.h"

namespace tcpdrill::runner {
namespace {

using namespace std::chrono_literals;
using testing::FakeExecutor;
using testing::FakeStep;
using testing::FixedLoadProbe;
using testing::make_case;
using testing::make_cases;

// Collects what the scheduler reports, and can cancel after the n-th finished case.
class RecordingObserver : public SchedulerObserver {
 public:
  explicit RecordingObserver(const CancelSignal* cancel = nullptr, std::size_t cancel_after = 0)
      : cancel_(cancel), cancel_after_(cancel_after) {}
  void on_attempt_started(const TestCase&, unsigned, unsigned) override { ++started; }
  void on_attempt_finished(const TestCase&, const AttemptRecord&) override { ++attempts; }
  void on_tick() override { ++ticks; }
  void on_case_finished(const CaseResult& result) override {
    finished.push_back(test_case_label(result.test));
    if (cancel_ && finished.size() == cancel_after_) cancel_->request();
  }
  unsigned started = 0;
  unsigned attempts = 0;
  unsigned ticks = 0;
  std::vector<std::string> finished;

 private:
  const CancelSignal* cancel_;
  std::size_t cancel_after_;
};

struct SchedulerFixture : ::testing::Test {
  SuiteResult run(const std::vector<TestCase>& cases, SchedulerOptions options = {}) {
    Scheduler scheduler(executor, load, options);
    SuiteResult result = scheduler.run(cases, cancel, observer);
    load_holds = scheduler.load_holds();
    return result;
  }
  const CaseResult& only(const SuiteResult& suite) {
    EXPECT_EQ(suite.cases.size(), 1u);
    return suite.cases.at(0);
  }
  FakeExecutor executor;
  FixedLoadProbe load;
  CancelSignal cancel;
  RecordingObserver observer;
  unsigned load_holds = 0;
};

TEST_F(SchedulerFixture, RunsEveryCaseOnceAndReportsInPlanOrder) {
  const auto cases = make_cases(7);
  const SuiteResult suite = run(cases, SchedulerOptions{.jobs = 3});
  ASSERT_EQ(suite.cases.size(), 7u);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(suite.cases[i].test.script.name, cases[i].script.name);
    EXPECT_EQ(suite.cases[i].verdict, Verdict::Pass);
  }
  EXPECT_EQ(executor.total_calls(), 7u);
  EXPECT_EQ(observer.finished.size(), 7u);
  EXPECT_FALSE(suite.interrupted);
  EXPECT_EQ(suite_exit_code(suite), 0);
}

TEST_F(SchedulerFixture, EmptyPlanFinishesAtOnce) {
  const SuiteResult suite = run({});
  EXPECT_TRUE(suite.cases.empty());
  EXPECT_EQ(suite_exit_code(suite), 0);
}

TEST_F(SchedulerFixture, FollowsTheChildExitCodeContract) {
  executor.script("fail.pkt (ipv4)", {FakeStep::fail("note: setup\nfail.pkt:12:5: error: bad ack\n  12 | ...\n")});
  executor.script("skip.pkt (ipv4)", {FakeStep::skip("no /dev/net/tun\n")});
  executor.script("crash.pkt (ipv4)", {FakeStep::crash()});
  const SuiteResult suite = run({make_case("fail.pkt"), make_case("skip.pkt"), make_case("crash.pkt"),
                                 make_case("pass.pkt")},
                                SchedulerOptions{.jobs = 2});
  ASSERT_EQ(suite.cases.size(), 4u);
  const CaseResult& fail = suite.cases[0];
  EXPECT_EQ(fail.verdict, Verdict::Fail);
  EXPECT_EQ(fail.decisive_attempt().message, "fail.pkt:12:5: error: bad ack");
  EXPECT_EQ(fail.decisive_attempt().script_line, 12u);
  EXPECT_EQ(fail.decisive_attempt().script_column, 5u);
  EXPECT_NE(fail.decisive_attempt().log.find("12 | ..."), std::string::npos);  // full log kept
  EXPECT_EQ(suite.cases[1].verdict, Verdict::Skip);
  EXPECT_EQ(suite.cases[1].decisive_attempt().message, "no /dev/net/tun");
  EXPECT_EQ(suite.cases[2].verdict, Verdict::Fail);
  EXPECT_EQ(suite.cases[2].decisive_attempt().message, "killed by signal 11");
  EXPECT_EQ(suite.cases[3].verdict, Verdict::Pass);
  const SuiteCounts counts = suite.counts();
  EXPECT_EQ(counts.passed, 1u);
  EXPECT_EQ(counts.failed, 2u);
  EXPECT_EQ(counts.skipped, 1u);
  EXPECT_EQ(suite_exit_code(suite), 1);
}

TEST_F(SchedulerFixture, HangingTestIsTimedOutAndCountsAsFailed) {
  executor.script("hang.pkt (ipv4)", {FakeStep::hang()});
  const SuiteResult suite =
      run({make_case("hang.pkt"), make_case("ok.pkt")}, SchedulerOptions{.jobs = 2, .timeout = 50ms});
  ASSERT_EQ(suite.cases.size(), 2u);
  EXPECT_EQ(suite.cases[0].verdict, Verdict::Timeout);
  EXPECT_NE(suite.cases[0].decisive_attempt().message.find("timed out"), std::string::npos);
  EXPECT_EQ(suite.cases[1].verdict, Verdict::Pass);
  EXPECT_EQ(suite.counts().failed, 1u);
  EXPECT_EQ(suite.counts().timed_out, 1u);
  EXPECT_EQ(suite_exit_code(suite), 1);
}

TEST_F(SchedulerFixture, NeverRunsMoreThanJobsAtOnce) {
  for (const TestCase& test : make_cases(12)) executor.script(test_case_label(test), {FakeStep::pass(15ms)});
  run(make_cases(12), SchedulerOptions{.jobs = 3});
  EXPECT_LE(executor.max_in_flight(), 3u);
  EXPECT_GE(executor.max_in_flight(), 2u);
}

TEST_F(SchedulerFixture, HoldsBackNewTestsWhileCpuIsSaturated) {
  for (const TestCase& test : make_cases(6)) executor.script(test_case_label(test), {FakeStep::pass(10ms)});
  load.set(0.99);
  const SuiteResult suite = run(make_cases(6), SchedulerOptions{.jobs = 4, .load_recheck = 2ms});
  EXPECT_EQ(suite.cases.size(), 6u);       // still makes progress, one at a time
  EXPECT_EQ(executor.max_in_flight(), 1u);
  EXPECT_GT(load_holds, 0u);
}

TEST_F(SchedulerFixture, LoadGateCanBeDisabled) {
  for (const TestCase& test : make_cases(6)) executor.script(test_case_label(test), {FakeStep::pass(15ms)});
  load.set(1.0);
  run(make_cases(6), SchedulerOptions{.jobs = 3, .max_busy_fraction = 1.0});
  EXPECT_GE(executor.max_in_flight(), 2u);
  EXPECT_EQ(load_holds, 0u);
}

TEST_F(SchedulerFixture, RepeatWithMixedResultsIsFlakyWithPassRatio) {
  executor.script("f.pkt (ipv4)", {FakeStep::pass(), FakeStep::fail("f.pkt:3:1: error: x\n"), FakeStep::pass()});
  const SuiteResult suite = run({make_case("f.pkt"), make_case("ok.pkt")}, SchedulerOptions{.repeat = 3});
  ASSERT_EQ(suite.cases.size(), 2u);
  const CaseResult& flaky = suite.cases[0];
  EXPECT_EQ(flaky.verdict, Verdict::Flaky);
  EXPECT_EQ(flaky.runs, 3u);
  EXPECT_EQ(flaky.passed_runs, 2u);
  EXPECT_DOUBLE_EQ(flaky.pass_ratio(), 2.0 / 3.0);
  EXPECT_EQ(flaky.decisive_attempt().message, "f.pkt:3:1: error: x");
  EXPECT_EQ(suite.cases[1].verdict, Verdict::Pass);
  EXPECT_EQ(suite.cases[1].runs, 3u);
  EXPECT_EQ(executor.total_calls(), 6u);
  const SuiteCounts counts = suite.counts();
  EXPECT_EQ(counts.flaky, 1u);
  EXPECT_EQ(counts.failed, 0u);  // flaky is reported apart from failed
  EXPECT_EQ(counts.passed, 1u);
  EXPECT_EQ(suite_exit_code(suite), 1);
}

TEST_F(SchedulerFixture, RepeatAllFailingIsFailNotFlaky) {
  executor.script("f.pkt (ipv4)", {FakeStep::fail("f.pkt:3:1: error: x\n")});
  const CaseResult result = only(run({make_case("f.pkt")}, SchedulerOptions{.repeat = 4}));
  EXPECT_EQ(result.verdict, Verdict::Fail);
  EXPECT_EQ(result.failed_runs, 4u);
  EXPECT_DOUBLE_EQ(result.pass_ratio(), 0.0);
}

TEST_F(SchedulerFixture, RetryTimingRerunsTimingErrorsAndLabelsPassOnRetry) {
  executor.script("t.pkt (ipv4)", {FakeStep::timing_fail(), FakeStep::pass()});
  const SuiteResult suite = run({make_case("t.pkt")}, SchedulerOptions{.retry_timing = 2});
  const CaseResult& result = only(suite);
  EXPECT_EQ(result.verdict, Verdict::PassedOnRetry);
  ASSERT_EQ(result.attempts.size(), 2u);
  EXPECT_TRUE(result.attempts[0].timing_error);
  EXPECT_EQ(result.attempts[1].retry, 1u);
  EXPECT_EQ(result.runs, 1u);
  EXPECT_EQ(suite.counts().passed, 1u);
  EXPECT_EQ(suite.counts().passed_on_retry, 1u);
  EXPECT_EQ(suite_exit_code(suite), 0);
}

TEST_F(SchedulerFixture, RetryTimingLeavesOtherFailuresAlone) {
  executor.script("t.pkt (ipv4)", {FakeStep::fail("t.pkt:2:1: error: bad window\n"), FakeStep::pass()});
  const CaseResult result = only(run({make_case("t.pkt")}, SchedulerOptions{.retry_timing = 3}));
  EXPECT_EQ(result.verdict, Verdict::Fail);
  EXPECT_EQ(executor.calls("t.pkt (ipv4)"), 1u);
}

TEST_F(SchedulerFixture, RetryTimingGivesUpAfterNReruns) {
  executor.script("t.pkt (ipv4)", {FakeStep::timing_fail()});
  const CaseResult result = only(run({make_case("t.pkt")}, SchedulerOptions{.retry_timing = 2}));
  EXPECT_EQ(result.verdict, Verdict::Fail);
  EXPECT_EQ(result.attempts.size(), 3u);
  EXPECT_TRUE(result.decisive_attempt().timing_error);
}

TEST_F(SchedulerFixture, RetryWithoutTheOptionNeverHappens) {
  executor.script("t.pkt (ipv4)", {FakeStep::timing_fail(), FakeStep::pass()});
  const CaseResult result = only(run({make_case("t.pkt")}));
  EXPECT_EQ(result.verdict, Verdict::Fail);
  EXPECT_EQ(result.attempts.size(), 1u);
}

TEST_F(SchedulerFixture, AllSkippedExits125ButSkipsBesidePassesExit0) {
  executor.script("a.pkt (ipv4)", {FakeStep::skip("no CAP_NET_ADMIN")});
  executor.script("b.pkt (ipv4)", {FakeStep::skip("no CAP_NET_ADMIN")});
  EXPECT_EQ(suite_exit_code(run({make_case("a.pkt"), make_case("b.pkt")})), 125);
  EXPECT_EQ(suite_exit_code(run({make_case("a.pkt"), make_case("c.pkt")})), 0);
}

TEST_F(SchedulerFixture, CancelStopsRunningTestsAndKeepsFinishedOnes) {
  RecordingObserver cancelling(&cancel, 1);
  executor.script("hang1.pkt (ipv4)", {FakeStep::hang()});
  executor.script("hang2.pkt (ipv4)", {FakeStep::hang()});
  executor.script("quick.pkt (ipv4)", {FakeStep::pass(5ms)});
  std::vector<TestCase> cases{make_case("hang1.pkt"), make_case("quick.pkt"), make_case("hang2.pkt"),
                              make_case("never.pkt")};
  Scheduler scheduler(executor, load, SchedulerOptions{.jobs = 2, .timeout = 60s});
  const auto start = std::chrono::steady_clock::now();
  const SuiteResult suite = scheduler.run(cases, cancel, cancelling);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);  // did not wait for the timeout
  EXPECT_TRUE(suite.interrupted);
  ASSERT_EQ(suite.cases.size(), 1u);
  EXPECT_EQ(suite.cases[0].test.script.name, "quick.pkt");
  EXPECT_EQ(suite.planned, 4u);
  EXPECT_EQ(executor.calls("never.pkt (ipv4)"), 0u);
  EXPECT_EQ(suite_exit_code(suite), 130);
}

TEST_F(SchedulerFixture, UnreadableScriptFailsWithoutRunning) {
  TestCase broken = make_case("broken.pkt");
  broken.script.unreadable_reason = "cannot read suite/broken.pkt: Permission denied";
  const CaseResult result = only(run({broken}));
  EXPECT_EQ(result.verdict, Verdict::Fail);
  EXPECT_EQ(result.decisive_attempt().message, "cannot read suite/broken.pkt: Permission denied");
  EXPECT_EQ(executor.total_calls(), 0u);
}

TEST_F(SchedulerFixture, TicksOnlyWhenAsked) {
  executor.script("slow.pkt (ipv4)", {FakeStep::pass(60ms)});
  run({make_case("slow.pkt")});
  EXPECT_EQ(observer.ticks, 0u);
  run({make_case("slow.pkt")}, SchedulerOptions{.tick = 5ms});
  EXPECT_GT(observer.ticks, 0u);
}

class ThrowingExecutor final : public TestExecutor {
 public:
  ExecutionResult execute(const TestAttempt&, const CancelSignal&) override {
    throw std::runtime_error("poll: Bad file descriptor");
  }
};

TEST_F(SchedulerFixture, ExecutorExceptionFailsTheAttemptNotTheRun) {
  ThrowingExecutor throwing;
  Scheduler scheduler(throwing, load, SchedulerOptions{.jobs = 2});
  const SuiteResult suite = scheduler.run({make_case("a.pkt"), make_case("b.pkt")}, cancel, observer);
  ASSERT_EQ(suite.cases.size(), 2u);
  EXPECT_EQ(suite.cases[0].verdict, Verdict::Fail);
  EXPECT_EQ(suite.cases[0].decisive_attempt().message, "poll: Bad file descriptor");
}

TEST_F(SchedulerFixture, ObserverSeesEveryAttempt) {
  executor.script("t.pkt (ipv4)", {FakeStep::timing_fail(), FakeStep::pass()});
  run({make_case("t.pkt"), make_case("u.pkt")}, SchedulerOptions{.repeat = 2, .retry_timing = 1});
  EXPECT_EQ(observer.started, 5u);  // t: fail, retry pass, pass; u: pass, pass
  EXPECT_EQ(observer.attempts, 5u);
  EXPECT_EQ(observer.finished.size(), 2u);
}

}  // namespace
}  // namespace tcpdrill::runner
