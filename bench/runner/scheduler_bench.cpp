// What the runner itself costs per test: scheduling with instant fake executors, the
// report writers, and the CPU the runner burns while a real child process runs.
#include <sys/resource.h>

#include <benchmark/benchmark.h>

#include <sstream>

#include "runner/child_process.h"
#include "runner/json_report.h"
#include "runner/junit_report.h"
#include "runner/scheduler.h"

namespace tcpdrill::runner {
namespace {

class InstantExecutor final : public TestExecutor {
 public:
  ExecutionResult execute(const TestAttempt&, const CancelSignal&) override { return {}; }
};

class IdleLoad final : public LoadProbe {
 public:
  double busy_fraction() override { return 0.0; }
};

std::vector<TestCase> cases(std::size_t count) {
  std::vector<TestCase> result(count);
  for (std::size_t i = 0; i < count; ++i) {
    result[i].script.name = "tcp/suite/test" + std::to_string(i) + ".pkt";
    result[i].script.display_path = "scripts/" + result[i].script.name;
  }
  return result;
}

double cpu_seconds_of_this_process() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Scheduler overhead per test: queueing, worker hand-off, classification, aggregation.
void BM_SchedulerOverheadPerTest(benchmark::State& state) {
  const auto planned = cases(1000);
  InstantExecutor executor;
  IdleLoad load;
  const CancelSignal cancel;
  SchedulerObserver observer;
  SchedulerOptions options;
  options.jobs = static_cast<unsigned>(state.range(0));
  // The CPU column counts only the calling thread, which sleeps in poll(2); this counter
  // takes the workers too.
  const double cpu_before = cpu_seconds_of_this_process();
  for (auto _ : state) {
    Scheduler scheduler(executor, load, options);
    benchmark::DoNotOptimize(scheduler.run(planned, cancel, observer));
  }
  const double tests = static_cast<double>(state.iterations() * planned.size());
  state.counters["cpu_us_per_test"] = (cpu_seconds_of_this_process() - cpu_before) * 1e6 / tests;
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(planned.size()));
}
BENCHMARK(BM_SchedulerOverheadPerTest)->Arg(1)->Arg(2)->Arg(8)->UseRealTime()->Unit(benchmark::kMicrosecond);

// Writing the JSON and JUnit reports for a 1000-test suite with failure logs.
void BM_ReportsFor1000Tests(benchmark::State& state) {
  SuiteResult suite;
  for (const TestCase& test : cases(1000)) {
    AttemptRecord attempt;
    if (suite.cases.size() % 10 == 0) {
      attempt.verdict = AttemptVerdict::Fail;
      attempt.message = test.script.name + ":12:3: error: timing error: expected at 0.100 sec";
      attempt.log = attempt.message + "\n" + std::string(2000, 'x') + "\n";
    }
    suite.cases.push_back(summarize_case(test, {attempt}));
  }
  RunInfo info;
  for (auto _ : state) {
    std::ostringstream json_out;
    std::ostringstream junit_out;
    write_json_report(json_out, suite, info);
    write_junit_report(junit_out, suite, info);
    benchmark::DoNotOptimize(json_out.str().size() + junit_out.str().size());
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_ReportsFor1000Tests)->Unit(benchmark::kMillisecond);

// A real child that sleeps for the argument's milliseconds: wall time is the child's,
// while "runner_cpu_us" is the runner's own CPU per test (spawn, supervision, reaping;
// the children's CPU is not counted). It stays flat as the child runs longer because
// the runner waits in poll(2) without a polling period.
void BM_ProcessSupervisionCpu(benchmark::State& state) {
  const CancelSignal cancel;
  ChildRequest request;
  request.argv = {"/bin/sleep", std::to_string(static_cast<double>(state.range(0)) / 1000.0)};
  const double cpu_before = cpu_seconds_of_this_process();
  for (auto _ : state) benchmark::DoNotOptimize(run_child(request, cancel));
  const double cpu = cpu_seconds_of_this_process() - cpu_before;
  state.counters["runner_cpu_us"] =
      benchmark::Counter(cpu * 1e6 / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_ProcessSupervisionCpu)->Arg(0)->Arg(200)->Iterations(20)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tcpdrill::runner
