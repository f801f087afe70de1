#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "parser/ast_event.h"
#include "runtime/syscall/syscall_environment.h"

namespace tcpdrill::runtime {

struct SyscallOutcome {
  int64_t result = 0;
  int error = 0;  // errno right after the call; meaningful when result is -1
};

class SyscallCall;

// One script syscall with its arguments evaluated into owned buffers. The three steps
// are separate so the engine can run a blocking (T...END) call on a helper thread:
//   prepare()  main thread: evaluate, translate fds, notify on_connect/on_disconnect;
//   invoke()   any thread: only the raw call, touches nothing shared;
//   check()    main thread, after invoke() returned: result, errno and out-values,
//              then FdTable updates and observer notifications.
// Every failure is a SyscallError whose text starts with "<name>: ".
class PreparedSyscall {
 public:
  PreparedSyscall(std::string name, std::unique_ptr<SyscallCall> call, const ast::Syscall& script);
  PreparedSyscall(PreparedSyscall&&) noexcept;
  PreparedSyscall& operator=(PreparedSyscall&&) noexcept;
  ~PreparedSyscall();

  const std::string& name() const { return name_; }
  void invoke() noexcept;
  bool invoked() const { return invoked_; }
  const SyscallOutcome& outcome() const { return outcome_; }
  void check(SyscallEnvironment& env);

 private:
  void check_result(SyscallEnvironment& env) const;

  std::string name_;
  std::unique_ptr<SyscallCall> call_;
  int64_t expected_result_ = 0;
  bool result_is_ellipsis_ = false;
  std::optional<std::string> expected_errno_;
  SyscallOutcome outcome_;
  bool invoked_ = false;
};

// Throws SyscallError ("<name>: Unknown system call: '<name>'", "<name>: Expected 3 args
// but got 2", "<name>: unknown symbol: 'FOO'", "<name>: unable to find fd with script fd 7").
PreparedSyscall prepare(const ast::Syscall& syscall, SyscallEnvironment& env);

// prepare(), invoke() and check() in a row, for non-blocking calls.
void run_syscall(const ast::Syscall& syscall, SyscallEnvironment& env);

bool is_supported_syscall(std::string_view name);

}  // namespace tcpdrill::runtime
