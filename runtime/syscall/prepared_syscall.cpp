#include "runtime/syscall/prepared_syscall.h"

#include <errno.h>

#include <array>
#include <utility>

#include "runtime/syscall/call_factories.h"
#include "runtime/syscall/symbol_table.h"
#include "runtime/syscall/syscall_call.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

struct NamedFactory {
  std::string_view name;
  CallFactory make;
};

constexpr auto kCalls = std::to_array<NamedFactory>({
    {"socket", make_socket},
    {"bind", make_bind},
    {"listen", make_listen},
    {"accept", make_accept},
    {"connect", make_connect},
    {"read", make_read},
    {"readv", make_readv},
    {"recv", make_recv},
    {"recvfrom", make_recvfrom},
    {"recvmsg", make_recvmsg},
    {"write", make_write},
    {"writev", make_writev},
    {"send", make_send},
    {"sendto", make_sendto},
    {"sendmsg", make_sendmsg},
    {"fcntl", make_fcntl},
    {"ioctl", make_ioctl},
    {"close", make_close},
    {"shutdown", make_shutdown},
    {"getsockopt", make_getsockopt},
    {"setsockopt", make_setsockopt},
    {"poll", make_poll},
    {"epoll_create", make_epoll_create},
    {"epoll_ctl", make_epoll_ctl},
    {"epoll_wait", make_epoll_wait},
    {"pipe", make_pipe},
    {"splice", make_splice},
    {"sendfile", make_sendfile},
    {"open", make_open},
    {"cap_set", make_cap_set},
});

CallFactory find_factory(std::string_view name) {
  for (const NamedFactory& call : kCalls) {
    if (call.name == name) return call.make;
  }
  return nullptr;
}

// Runs `step`, prefixing the text of any SyscallError with the call's name.
template <typename Step>
auto named(const std::string& name, Step&& step) {
  try {
    return step();
  } catch (const SyscallError& error) {
    throw SyscallError(name + ": " + error.what());
  }
}

std::string errno_description(int error) {
  return std::to_string(error) + " (" + errno_text(error) + ")";
}

}  // namespace

bool is_supported_syscall(std::string_view name) { return find_factory(name) != nullptr; }

PreparedSyscall::PreparedSyscall(std::string name, std::unique_ptr<SyscallCall> call,
                                 const ast::Syscall& script)
    : name_(std::move(name)), call_(std::move(call)), expected_errno_(script.errno_name) {
  result_is_ellipsis_ = is_ellipsis(script.result);
  if (!result_is_ellipsis_) expected_result_ = evaluate_s32(script.result);
  if (expected_errno_) SymbolTable::linux_symbols().resolve(*expected_errno_);
}

PreparedSyscall::PreparedSyscall(PreparedSyscall&&) noexcept = default;
PreparedSyscall& PreparedSyscall::operator=(PreparedSyscall&&) noexcept = default;
PreparedSyscall::~PreparedSyscall() = default;

void PreparedSyscall::invoke() noexcept {
  errno = 0;
  outcome_.result = call_->perform();
  outcome_.error = errno;
  invoked_ = true;
}

void PreparedSyscall::check_result(SyscallEnvironment&) const {
  const int64_t actual = outcome_.result;
  if (!result_is_ellipsis_) {
    if (call_->result_check() == ResultCheck::Fd && expected_result_ >= 0) {
      if (actual < 0) {
        throw SyscallError("Expected non-negative result but got " + std::to_string(actual) +
                           " with errno " + errno_description(outcome_.error));
      }
    } else if (actual != expected_result_) {
      throw SyscallError("Expected result " + std::to_string(expected_result_) + " but got " +
                         std::to_string(actual) + " with errno " +
                         errno_description(outcome_.error));
    }
  }
  if (expected_errno_) {
    const auto expected = static_cast<int>(SymbolTable::linux_symbols().resolve(*expected_errno_));
    if (outcome_.error != expected) {
      throw SyscallError("Expected errno " + *expected_errno_ + " (" + std::to_string(expected) +
                         ") but got " + errno_name(outcome_.error) + " (" +
                         std::to_string(outcome_.error) + ")");
    }
  }
}

void PreparedSyscall::check(SyscallEnvironment& env) {
  named(name_, [&] {
    if (!invoked_) throw SyscallError("checked before it was invoked");
    if (env.send_omit_free || call_->lends_pages()) call_->keep_send_buffers(env);
    call_->record(env, outcome_);
    check_result(env);
    call_->verify(env, outcome_, expected_result_);
  });
}

PreparedSyscall prepare(const ast::Syscall& syscall, SyscallEnvironment& env) {
  return named(syscall.name, [&] {
    const CallFactory make = find_factory(syscall.name);
    if (make == nullptr) throw SyscallError("Unknown system call: '" + syscall.name + "'");
    // Result and errno are evaluated before the arguments: fd-creating calls need the
    // result as the script fd, and nothing may fail after a factory told the observer.
    const int64_t expected = is_ellipsis(syscall.result) ? -1 : evaluate_s32(syscall.result);
    if (syscall.errno_name) SymbolTable::linux_symbols().resolve(*syscall.errno_name);
    std::unique_ptr<SyscallCall> call = make(CallArguments(syscall, env), expected);
    return PreparedSyscall(syscall.name, std::move(call), syscall);
  });
}

void run_syscall(const ast::Syscall& syscall, SyscallEnvironment& env) {
  PreparedSyscall call = prepare(syscall, env);
  call.invoke();
  call.check(env);
}

}  // namespace tcpdrill::runtime
