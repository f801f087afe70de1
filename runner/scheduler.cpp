#include "runner/scheduler.h"

#include <poll.h>
#include <string.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace tcpdrill::runner {
namespace {

struct Job {
  std::size_t case_index = 0;
  unsigned repetition = 0;
  unsigned retry = 0;
};

// Everything the workers share, guarded by one mutex.
class RunState {
 public:
  RunState(const std::vector<TestCase>& cases, const SchedulerOptions& options)
      : cases_(cases), options_(options), attempts_(cases.size()),
        runs_left_(cases.size(), options.repeat), results_(cases.size()) {
    for (unsigned repetition = 0; repetition < options.repeat; ++repetition) {
      for (std::size_t i = 0; i < cases.size(); ++i) queue_.push_back(Job{i, repetition, 0});
    }
  }

  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;

  bool idle() const { return queue_.empty() && running_ == 0; }
  bool has_queued() const { return !queue_.empty(); }
  unsigned running() const { return running_; }

  Job take() {
    Job job = queue_.front();
    queue_.pop_front();
    ++running_;
    return job;
  }

  // Records a finished attempt; returns the case's result once it has no runs left.
  std::optional<CaseResult> finish(const Job& job, AttemptRecord record) {
    --running_;
    const bool retry = record.verdict == AttemptVerdict::Fail && record.timing_error &&
                       job.retry < options_.retry_timing;
    attempts_[job.case_index].push_back(std::move(record));
    if (retry) {
      queue_.push_front(Job{job.case_index, job.repetition, job.retry + 1});
      return std::nullopt;
    }
    if (--runs_left_[job.case_index] > 0) return std::nullopt;
    results_[job.case_index] = summarize_case(cases_[job.case_index],
                                              std::move(attempts_[job.case_index]));
    return results_[job.case_index];
  }

  void abandon() { --running_; }

  std::vector<CaseResult> finished_results() {
    std::vector<CaseResult> finished;
    for (auto& result : results_) {
      if (result) finished.push_back(std::move(*result));
    }
    return finished;
  }

  std::vector<TestCase> unfinished_cases() const {
    std::vector<TestCase> unfinished;
    for (std::size_t i = 0; i < results_.size(); ++i) {
      if (!results_[i]) unfinished.push_back(cases_[i]);
    }
    return unfinished;
  }

 private:
  const std::vector<TestCase>& cases_;
  const SchedulerOptions& options_;
  std::deque<Job> queue_;
  unsigned running_ = 0;
  std::vector<std::vector<AttemptRecord>> attempts_;
  std::vector<unsigned> runs_left_;
  std::vector<std::optional<CaseResult>> results_;
};

// "not run: the run was interrupted (SIGTERM)".
std::string interruption_reason() {
  std::string reason = "not run: the run was interrupted";
  if (const int signo = ScopedCancelOnSignals::received_signal()) {
    if (const char* name = sigabbrev_np(signo)) reason += std::string(" (SIG") + name + ")";
  }
  return reason;
}

}  // namespace

SuiteResult Scheduler::run(const std::vector<TestCase>& cases, const CancelSignal& cancel,
                           SchedulerObserver& observer) {
  const auto start = std::chrono::steady_clock::now();
  SuiteResult suite;
  suite.planned = cases.size();
  if (cases.empty() || options_.repeat == 0) return suite;

  RunState state(cases, options_);
  const CancelSignal done;  // raised by the worker that leaves the state idle

  auto next_job = [&](std::unique_lock<std::mutex>& lock) -> std::optional<Job> {
    for (;;) {
      if (state.stopping || cancel.requested()) return std::nullopt;
      if (!state.has_queued()) {
        if (state.running() == 0) return std::nullopt;
        state.wake.wait(lock);  // a running attempt may still queue a retry
        continue;
      }
      if (state.running() > 0 && options_.max_busy_fraction < 1.0 &&
          load_.busy_fraction() >= options_.max_busy_fraction) {
        ++load_holds_;
        state.wake.wait_for(lock, options_.load_recheck);
        continue;
      }
      return state.take();
    }
  };

  auto worker = [&] {
    std::unique_lock lock(state.mutex);
    while (std::optional<Job> job = next_job(lock)) {
      const TestCase& test = cases[job->case_index];
      observer.on_attempt_started(test, job->repetition, job->retry);
      std::optional<AttemptRecord> record;
      if (test.script.unreadable_reason) {
        record = unreadable_attempt(*test.script.unreadable_reason);
      } else {
        lock.unlock();
        const TestAttempt attempt{test, job->repetition, job->retry, options_.timeout};
        ExecutionResult result;
        try {
          result = executor_.execute(attempt, cancel);
        } catch (const std::exception& error) {
          // One broken attempt must not take the whole run (and its reports) down.
          result.ending = ChildEnding::LaunchFailed;
          result.standard_error = error.what();
        }
        lock.lock();
        if (result.ending != ChildEnding::Cancelled) {
          record = classify_attempt(result, job->repetition, job->retry);
        }
      }
      if (record) {
        observer.on_attempt_finished(test, *record);
        if (auto finished = state.finish(*job, std::move(*record))) {
          observer.on_case_finished(*finished);
        }
      } else {
        state.abandon();
      }
      state.wake.notify_all();
      if (state.idle()) done.request();
    }
    if (state.idle()) done.request();
  };

  std::vector<std::jthread> workers;
  const std::size_t total_runs = cases.size() * options_.repeat;
  const std::size_t pool = std::clamp<std::size_t>(options_.jobs, 1, total_runs);
  for (std::size_t i = 0; i < pool; ++i) workers.emplace_back(worker);

  std::array<pollfd, 2> fds{pollfd{done.poll_fd(), POLLIN, 0}, pollfd{cancel.poll_fd(), POLLIN, 0}};
  const int tick_ms = options_.tick.count() > 0 ? static_cast<int>(options_.tick.count()) : -1;
  while (!done.requested() && !cancel.requested()) {
    if (::poll(fds.data(), fds.size(), tick_ms) == 0) {
      std::lock_guard lock(state.mutex);
      observer.on_tick();
    }
  }
  {
    std::lock_guard lock(state.mutex);
    state.stopping = true;
  }
  state.wake.notify_all();
  workers.clear();  // joins

  suite.unfinished = state.unfinished_cases();
  suite.cases = state.finished_results();
  suite.interrupted = suite.cases.size() < suite.planned;
  if (suite.interrupted) suite.unfinished_reason = interruption_reason();
  suite.wall_time = std::chrono::steady_clock::now() - start;
  return suite;
}

}  // namespace tcpdrill::runner
