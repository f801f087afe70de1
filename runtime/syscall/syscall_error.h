#pragma once

#include <stdexcept>
#include <string>

namespace tcpdrill::runtime {

// A syscall event failed: bad arguments, an unknown symbol, or a result, errno or
// out-value that differs from the script. Carries no location; the engine attaches
// the event's location when it rethrows it as a ScriptError.
class SyscallError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tcpdrill::runtime
