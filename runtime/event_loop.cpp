#include "runtime/event_loop.h"

#include <algorithm>
#include <chrono>
#include <variant>

#include "parser/script_error.h"
#include "runtime/assertion_evaluator.h"
#include "runtime/shell_command.h"
#include "runtime/syscall/syscall_error.h"
#include "runtime/tcp_info_snapshot.h"
#include "runtime/timing_blame.h"

namespace tcpdrill::runtime {
namespace {

// packetdrill gives a pending T...END call this long to finish before the next call.
constexpr int64_t kBlockingSettleUsecs = 1'000'000;
// Beyond the script's own span, how long a call may hang before the run is failed.
constexpr int64_t kHangGraceUsecs = 2'000'000;

TimedEventKind kind_of(const ast::Event& event) {
  struct Visitor {
    TimedEventKind operator()(const ast::Packet& packet) const {
      return packet.direction == ast::Direction::Inbound ? TimedEventKind::InboundPacket
                                                         : TimedEventKind::OutboundPacket;
    }
    TimedEventKind operator()(const ast::Syscall&) const { return TimedEventKind::Syscall; }
    TimedEventKind operator()(const ast::ShellCommand&) const { return TimedEventKind::Command; }
    TimedEventKind operator()(const ast::CodeBlock&) const { return TimedEventKind::Code; }
    TimedEventKind operator()(const ast::Assertion&) const { return TimedEventKind::Assertion; }
  };
  return std::visit(Visitor{}, event.action);
}

// How the state timeline names an event's rows.
std::string event_name(const ast::Event& event) {
  if (const auto* syscall = std::get_if<ast::Syscall>(&event.action)) return syscall->name;
  if (std::holds_alternative<ast::ShellCommand>(event.action)) return "command";
  if (std::holds_alternative<ast::CodeBlock>(event.action)) return "code";
  if (std::holds_alternative<ast::Assertion>(event.action)) return "assert";
  return "packet";
}

std::string seconds_text(int64_t usecs) { return format_seconds(usecs) + " sec"; }

}  // namespace

int64_t expected_script_span_usecs(const std::vector<const ast::Event*>& events) {
  int64_t at = 0, span = 0;
  for (const ast::Event* event : events) {
    const ast::TimeSpec& time = event->time;
    const int64_t base = time.kind == ast::TimeSpec::Kind::Absolute ? 0 : at;
    at = base + time.usecs;
    span = std::max({span, at, base + time.range_end_usecs.value_or(0),
                     base + time.blocking_end_usecs.value_or(0)});
  }
  return span;
}

EventLoop::EventLoop(const ast::Script& script, const RunConfig& config, ScriptClock& clock,
                     SyscallEnvironment& syscalls, SocketTracker& sockets, PacketEvents& packets,
                     StateRecorder& recorder, std::ostream& log)
    : script_(script),
      config_(config),
      clock_(clock),
      syscalls_(syscalls),
      sockets_(sockets),
      packets_(packets),
      recorder_(recorder),
      log_(log),
      tolerance_{config.tolerance_usecs, config.tolerance_percent},
      code_(script.path) {}

void EventLoop::run(const std::vector<const ast::Event*>& events) {
  hang_limit_usecs_ = expected_script_span_usecs(events) + kHangGraceUsecs;
  clock_.start_now(config_.time_zero_lead_usecs);
  for (const ast::Event* event : events) {
    try {
      settle_blocking_syscall(0);
      const bool packet = std::holds_alternative<ast::Packet>(event->action);
      recorder_.event_started(event->location.line, packet);
      event_began_usecs_ = clock_.now();
      const int64_t previous_completed = event_began_usecs_ - previous_wake_up_credit_usecs_;
      previous_wake_up_credit_usecs_ = 0;
      const EventSchedule schedule = timeline_.schedule(event->time, kind_of(*event), previous_completed);
      dispatch(*event, schedule);
      // A socket an event opened is sampled from its first row on.
      recorder_.watch(sockets_.open_tcp_sockets());
      recorder_.event_finished(event->location.line, event_name(*event), clock_.clock().now_usecs(),
                               !packet);
    } catch (const ScriptError&) {
      throw;
    } catch (const std::exception& error) {
      fail(*event, error.what());
    }
    first_event_ = false;
  }
  // packetdrill's syscall thread checks a call the moment it returns, so one that has
  // returned by now fails before the cleanup command and the %{ }% code run.
  settle_blocking_syscall(0);
}

void EventLoop::finish_blocking_syscall() {
  if (!blocking_) return;
  const int64_t due = blocking_schedule_.blocking_end_usecs.value_or(clock_.now());
  const int64_t wait = std::max<int64_t>(due - clock_.now(), 0) + kHangGraceUsecs;
  settle_blocking_syscall(wait);
  if (blocking_) fail(*blocking_event_, "exiting while a blocking system call is in progress");
}

void EventLoop::dispatch(const ast::Event& event, const EventSchedule& schedule) {
  std::visit(
      [&](const auto& action) {
        using Action = std::decay_t<decltype(action)>;
        if constexpr (std::is_same_v<Action, ast::Packet>) run_packet(event, action, schedule);
        if constexpr (std::is_same_v<Action, ast::Syscall>) run_syscall(event, action, schedule);
        if constexpr (std::is_same_v<Action, ast::ShellCommand>) run_command(action, schedule);
        if constexpr (std::is_same_v<Action, ast::CodeBlock>) run_code(event, action, schedule);
        if constexpr (std::is_same_v<Action, ast::Assertion>) run_assertion(action, schedule);
      },
      event.action);
}

void EventLoop::run_packet(const ast::Event& event, const ast::Packet& packet,
                           const EventSchedule& schedule) {
  if (packet.direction == ast::Direction::Inbound) {
    packets_.inject(packet, schedule, !first_event_);
    return;
  }
  const PacketEvents::Expected expected = packets_.expect(packet, schedule);
  // Without this, `> retransmit` then `+.001 < ack` is an RTT of 1 ms plus 0.1-0.2 ms of
  // wake-ups, and RACK's min_rtt test on the ACK of a retransmit turns on them
  // (docs/compatibility.md, D3).
  previous_wake_up_credit_usecs_ = wake_up_latency_credit_usecs(
      tolerance_, event_began_usecs_, expected.sent_usecs, expected.received_usecs);
  if (expected.warning) {
    log_ << script_.path << ":" << event.location.line << ":" << event.location.column
         << ": warning: " << *expected.warning << "\n";
  }
}

void EventLoop::start_on_time(const EventSchedule& schedule, TimedEventKind kind) {
  clock_.wait_until(schedule.start_usecs);
  // A T...END call that returned while we waited has its effects now, as it would on
  // packetdrill's syscall thread: an accept() makes its fd the one code events see.
  settle_blocking_syscall(0);
  if (first_event_) return;
  const int64_t started = clock_.now();
  if (auto error = check_event_time(tolerance_, schedule, started, describe(kind)))
    throw std::runtime_error(with_timing_blame(*error, TimedBy::Tcpdrill, schedule.start_usecs, started));
}

void EventLoop::run_syscall(const ast::Event& event, const ast::Syscall& syscall,
                            const EventSchedule& schedule) {
  const bool blocking = schedule.blocking_end_usecs.has_value();
  settle_blocking_syscall(kBlockingSettleUsecs);
  if (blocking && blocking_)
    throw SyscallError("blocking system call while another blocking system call is already in progress");

  // Arguments are evaluated before waiting, so that the call itself starts on time.
  PreparedSyscall call = prepare(syscall, syscalls_);
  if (blocking) {
    start_blocking_syscall(event, std::move(call), schedule);
    return;
  }
  start_on_time(schedule, TimedEventKind::Syscall);
  watchdog_.arm(std::chrono::steady_clock::now() + std::chrono::microseconds(hang_limit_usecs_));
  call.invoke();
  if (watchdog_.disarm()) {
    throw SyscallError(syscall.name + ": system call did not return within " +
                       seconds_text(hang_limit_usecs_) +
                       "; a call that is meant to block needs a T...END time, e.g. `+0...0.1 " +
                       syscall.name + "(...)`");
  }
  call.check(syscalls_);
  if (config_.verbose) log_ << syscall.name << " syscall: " << format_seconds(clock_.now()) << "\n";
}

void EventLoop::start_blocking_syscall(const ast::Event& event, PreparedSyscall call,
                                       const EventSchedule& schedule) {
  blocking_.emplace(std::move(call), clock_.clock(), clock_.to_clock(schedule.start_usecs));
  blocking_event_ = &event;
  blocking_schedule_ = schedule;
  clock_.wait_until(schedule.start_usecs);
  blocking_->wait_until_blocked_or_returned();
  if (first_event_) return;
  const int64_t started = clock_.from_clock(blocking_->started_usecs());
  if (auto error = check_event_time(tolerance_, schedule, started, "system call start"))
    throw std::runtime_error(with_timing_blame(*error, TimedBy::Tcpdrill, schedule.start_usecs, started));
}

void EventLoop::settle_blocking_syscall(int64_t max_wait_usecs) {
  if (!blocking_) return;
  if (!blocking_->wait_returned_until(clock_.clock().now_usecs() + max_wait_usecs)) return;
  const ast::Event& event = *blocking_event_;
  try {
    blocking_->call().check(syscalls_);
    const int64_t returned = clock_.from_clock(blocking_->returned_usecs());
    if (config_.verbose)
      log_ << blocking_->call().name() << " syscall: " << format_seconds(returned) << "\n";
    if (auto error = check_blocking_return_time(tolerance_, blocking_schedule_, returned)) {
      throw std::runtime_error(with_timing_blame(
          *error, TimedBy::KernelReturn, *blocking_schedule_.blocking_end_usecs, returned));
    }
  } catch (const std::exception& error) {
    blocking_.reset();
    fail(event, error.what());
  }
  blocking_.reset();
}

void EventLoop::run_command(const ast::ShellCommand& command, const EventSchedule& schedule) {
  start_on_time(schedule, TimedEventKind::Command);
  if (const std::optional<std::string> failure = run_shell_command(command.command, config_.command_directory))
    throw std::runtime_error("error executing `" + command.command + "` command: " + *failure);
}

int EventLoop::live_fd_for(const char* what) const {
  const std::optional<int> fd = sockets_.live_fd_under_test();
  if (!fd) throw std::runtime_error(std::string("no socket to use for ") + what);
  return *fd;
}

void EventLoop::run_code(const ast::Event& event, const ast::CodeBlock& code,
                         const EventSchedule& schedule) {
  start_on_time(schedule, TimedEventKind::Code);
  code_.add(event.location, code.code, CodeSnapshot::read(live_fd_for("code")));
}

void EventLoop::run_assertion(const ast::Assertion& assertion, const EventSchedule& schedule) {
  start_on_time(schedule, TimedEventKind::Assertion);
  const TcpInfoSnapshot info = TcpInfoSnapshot::read(live_fd_for("assert"));
  if (const std::optional<std::string> failure = check_assertion(assertion, info))
    throw std::runtime_error(*failure);
}

void EventLoop::fail(const ast::Event& event, const std::string& message) const {
  throw ScriptError(script_.path, event.location, message);
}

}  // namespace tcpdrill::runtime
