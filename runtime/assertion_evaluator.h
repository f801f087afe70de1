#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "parser/ast_event.h"
#include "runtime/tcp_info_snapshot.h"

namespace tcpdrill::runtime {

// An assertion that cannot be evaluated: an unknown name, a field the running kernel
// does not report, a division by zero.
class AssertionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Evaluates a native `assert` against one TCP_INFO snapshot with C semantics on signed
// 64-bit integers (comparisons and logic give 0 or 1, && and || short-circuit).
// Returns nullopt when it holds, else the failure text with every field's value:
//   assertion failed: tcpi_snd_cwnd == 10 (tcpi_snd_cwnd = 7)
// Throws AssertionError.
std::optional<std::string> check_assertion(const ast::Assertion& assertion,
                                           const TcpInfoSnapshot& info);

}  // namespace tcpdrill::runtime
