#pragma once

#include <cstdint>

#include "runtime/syscall/prepared_syscall.h"

namespace tcpdrill::runtime {

// How the result of a call is compared with the script's expected result.
enum class ResultCheck : uint8_t {
  Exact,  // must be equal
  Fd,     // an expected fd (>= 0) accepts any non-negative result; else exact
};

// One call family's prepared state (internal to runtime/syscall). Built by a factory
// from the script arguments; perform() must only use what the object owns.
class SyscallCall {
 public:
  virtual ~SyscallCall() = default;
  virtual ResultCheck result_check() const { return ResultCheck::Exact; }
  // The raw call. errno is read by the caller right after it returns.
  virtual int64_t perform() = 0;
  // Runs right after the call whatever its outcome, to keep the FdTable in step with
  // the kernel (close() released the fd even if the script expected it to fail).
  virtual void record(SyscallEnvironment&, const SyscallOutcome&) {}
  // Runs after the result and errno matched: out-values, FdTable, observer.
  virtual void verify(SyscallEnvironment&, const SyscallOutcome&, int64_t /*expected*/) {}
  // Hands the buffers the kernel may still read to the environment: every send's with
  // --send_omit_free, and a send's that lent its pages to the kernel (MSG_ZEROCOPY)
  // whatever the flag, since the kernel reads those after the call returned.
  virtual void keep_send_buffers(SyscallEnvironment&) {}
  virtual bool lends_pages() const { return false; }
};

}  // namespace tcpdrill::runtime
