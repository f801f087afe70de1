#pragma once

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "runner/load_probe.h"
#include "runner/test_executor.h"

namespace tcpdrill::runner::testing {

// What one execution of a fake test does.
struct FakeStep {
  enum class Kind { Pass, Fail, Skip, Hang, Crash };
  Kind kind = Kind::Pass;
  std::string stderr_text;
  std::chrono::milliseconds busy{0};  // how long it "runs" before ending

  static FakeStep pass(std::chrono::milliseconds busy = {}) { return {Kind::Pass, "", busy}; }
  static FakeStep fail(std::string message) { return {Kind::Fail, std::move(message), {}}; }
  static FakeStep timing_fail() {
    return fail("x.pkt:7:1: error: timing error: expected outbound at 0.100 sec but happened at 0.130\n");
  }
  static FakeStep skip(std::string reason) { return {Kind::Skip, std::move(reason), {}}; }
  static FakeStep hang() { return {Kind::Hang, "", {}}; }
  static FakeStep crash() { return {Kind::Crash, "", {}}; }
};

// A TestExecutor scripted per test-case label ("name (variant)"): the n-th execution of a
// case performs its n-th step (the last one repeats). Unscripted cases pass. Records
// calls and the largest number of executions in flight at once.
class FakeExecutor final : public TestExecutor {
 public:
  void script(const std::string& label, std::vector<FakeStep> steps) { steps_[label] = std::move(steps); }

  ExecutionResult execute(const TestAttempt& attempt, const CancelSignal& cancel) override {
    FakeStep step;
    {
      std::lock_guard lock(mutex_);
      const std::string label = test_case_label(attempt.test);
      const unsigned call = calls_[label]++;
      ++total_calls_;
      max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
      const auto it = steps_.find(label);
      if (it != steps_.end() && !it->second.empty()) {
        step = it->second[std::min<std::size_t>(call, it->second.size() - 1)];
      }
    }
    ExecutionResult result = perform(step, attempt, cancel);
    std::lock_guard lock(mutex_);
    --in_flight_;
    return result;
  }

  unsigned calls(const std::string& label) const {
    std::lock_guard lock(mutex_);
    const auto it = calls_.find(label);
    return it == calls_.end() ? 0 : it->second;
  }
  unsigned total_calls() const {
    std::lock_guard lock(mutex_);
    return total_calls_;
  }
  unsigned max_in_flight() const {
    std::lock_guard lock(mutex_);
    return max_in_flight_;
  }

 private:
  static ExecutionResult perform(const FakeStep& step, const TestAttempt& attempt,
                                 const CancelSignal& cancel) {
    ExecutionResult result;
    result.standard_error = step.stderr_text;
    auto wait = [&](std::chrono::milliseconds limit) {
      pollfd fd{cancel.poll_fd(), POLLIN, 0};
      return ::poll(&fd, 1, static_cast<int>(limit.count())) > 0;  // true: cancelled
    };
    if (step.busy.count() > 0 && wait(step.busy)) {
      result.ending = ChildEnding::Cancelled;
      return result;
    }
    result.duration = step.busy;
    switch (step.kind) {
      case FakeStep::Kind::Pass: result.exit_code = 0; break;
      case FakeStep::Kind::Fail: result.exit_code = 1; break;
      case FakeStep::Kind::Skip: result.exit_code = 125; break;
      case FakeStep::Kind::Crash:
        result.ending = ChildEnding::Signaled;
        result.signal = 11;
        break;
      case FakeStep::Kind::Hang:
        result.ending = wait(attempt.timeout) ? ChildEnding::Cancelled : ChildEnding::TimedOut;
        result.duration = attempt.timeout;
        break;
    }
    return result;
  }

  mutable std::mutex mutex_;
  std::map<std::string, std::vector<FakeStep>> steps_;
  std::map<std::string, unsigned> calls_;
  unsigned total_calls_ = 0;
  unsigned in_flight_ = 0;
  unsigned max_in_flight_ = 0;
};

// A load probe that reports a fixed busy fraction.
class FixedLoadProbe final : public LoadProbe {
 public:
  explicit FixedLoadProbe(double busy = 0.0) : busy_(busy) {}
  double busy_fraction() override { return busy_.load(); }
  void set(double busy) { busy_.store(busy); }

 private:
  std::atomic<double> busy_;
};

inline TestCase make_case(const std::string& name, Variant variant = Variant::Ipv4) {
  TestCase test;
  test.script.name = name;
  test.script.display_path = "suite/" + name;
  test.script.absolute_path = "/nonexistent/suite/" + name;
  test.variant = variant;
  return test;
}

inline std::vector<TestCase> make_cases(std::size_t count) {
  std::vector<TestCase> cases;
  for (std::size_t i = 0; i < count; ++i) cases.push_back(make_case("t" + std::to_string(i) + ".pkt"));
  return cases;
}

}  // namespace tcpdrill::runner::testing
