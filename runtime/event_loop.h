#pragma once

#include <optional>
#include <ostream>
#include <vector>

#include "parser/ast_event.h"
#include "runtime/blocking_syscall.h"
#include "runtime/call_watchdog.h"
#include "runtime/event_timing.h"
#include "runtime/packet_events.h"
#include "runtime/python_code_file.h"
#include "runtime/run_config.h"
#include "runtime/script_clock.h"
#include "runtime/socket_tracker.h"
#include "runtime/state_recorder.h"
#include "runtime/syscall/syscall_environment.h"

namespace tcpdrill::runtime {

// Runs a script's selected events in real time, one after the other, each at its
// scheduled time. The one place where exceptions of the layers below become
// ScriptErrors carrying the location of the event that was running.
class EventLoop {
 public:
  EventLoop(const ast::Script& script, const RunConfig& config, ScriptClock& clock,
            SyscallEnvironment& syscalls, SocketTracker& sockets, PacketEvents& packets,
            StateRecorder& recorder, std::ostream& log);

  // Starts script time 0 and runs the events. Throws ScriptError at the first failure.
  // A T...END call still blocked at the end is left to finish_blocking_syscall().
  void run(const std::vector<const ast::Event*>& events);

  bool blocking_syscall_pending() const { return blocking_.has_value(); }
  // Gives a T...END call still blocked after the events until its END plus a grace to
  // return, and checks it; throws ScriptError when it is still blocked. packetdrill does
  // this at teardown, after the cleanup command and the %{ }% code.
  void finish_blocking_syscall();

  // The %{ }% snippets collected so far, to run once the script is over.
  const PythonCodeFile& code() const { return code_; }

 private:
  void dispatch(const ast::Event& event, const EventSchedule& schedule);
  void run_packet(const ast::Event& event, const ast::Packet& packet, const EventSchedule& schedule);
  void run_syscall(const ast::Event& event, const ast::Syscall& syscall,
                   const EventSchedule& schedule);
  void start_blocking_syscall(const ast::Event& event, PreparedSyscall call,
                              const EventSchedule& schedule);
  void run_command(const ast::ShellCommand& command, const EventSchedule& schedule);
  void run_code(const ast::Event& event, const ast::CodeBlock& code, const EventSchedule& schedule);
  void run_assertion(const ast::Assertion& assertion, const EventSchedule& schedule);

  // Waits until the event is due and checks that it started in time.
  void start_on_time(const EventSchedule& schedule, TimedEventKind kind);
  int live_fd_for(const char* what) const;
  // Checks a pending T...END call once it returned, waiting up to max_wait_usecs.
  void settle_blocking_syscall(int64_t max_wait_usecs);
  [[noreturn]] void fail(const ast::Event& event, const std::string& message) const;

  const ast::Script& script_;
  const RunConfig& config_;
  ScriptClock& clock_;
  SyscallEnvironment& syscalls_;
  SocketTracker& sockets_;
  PacketEvents& packets_;
  StateRecorder& recorder_;
  std::ostream& log_;
  ToleranceSettings tolerance_;
  ScriptTimeline timeline_;
  PythonCodeFile code_;
  CallWatchdog watchdog_;
  int64_t hang_limit_usecs_ = 0;
  bool first_event_ = true;
  // When the current event became current (script time).
  int64_t event_began_usecs_ = 0;
  // The previous event's wake_up_latency_credit_usecs: its relative successor is anchored
  // that much before the live clock.
  int64_t previous_wake_up_credit_usecs_ = 0;

  std::optional<BlockingSyscall> blocking_;
  const ast::Event* blocking_event_ = nullptr;
  EventSchedule blocking_schedule_;
};

// How long a script is meant to take: the latest time any of its events is due,
// following relative times from their predecessors as written.
int64_t expected_script_span_usecs(const std::vector<const ast::Event*>& events);

}  // namespace tcpdrill::runtime
