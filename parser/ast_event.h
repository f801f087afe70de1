#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "parser/ast_expression.h"
#include "parser/ast_packet.h"
#include "parser/box.h"
#include "parser/source_location.h"

namespace tcpdrill::ast {

// When an event happens. All values are microseconds.
struct TimeSpec {
  enum class Kind : uint8_t {
    Absolute,  // T, or A~B
    Relative,  // +T, or +A~+B: from the previous event (see the timing engine)
    Any,       // *: outbound packets only
  };
  Kind kind = Kind::Absolute;
  int64_t usecs = 0;
  std::optional<int64_t> range_end_usecs;     // A~B / +A~+B, same frame as usecs
  std::optional<int64_t> blocking_end_usecs;  // T...END for blocking syscalls, same frame
  friend bool operator==(const TimeSpec&, const TimeSpec&) = default;
};

// name(args) = result [ERRNO (note)] [(note)]
struct Syscall {
  std::string name;
  std::vector<Expression> arguments;
  Expression result;
  std::optional<std::string> errno_name;
  std::optional<std::string> note;
  friend bool operator==(const Syscall&, const Syscall&) = default;
};

// `command`, run with /bin/sh -c.
struct ShellCommand {
  std::string command;
  friend bool operator==(const ShellCommand&, const ShellCommand&) = default;
};

// %{ python }%, run after the script like packetdrill does.
struct CodeBlock {
  std::string code;
  friend bool operator==(const CodeBlock&, const CodeBlock&) = default;
};

// The native assertion (tcpdrill extension):
//   +0 assert tcpi_snd_cwnd == 10 && tcpi_reordering >= 3
// evaluated at its scripted time against TCP_INFO of the socket under test.
enum class AssertOperator : uint8_t {
  LogicalOr, LogicalAnd,
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
  Add, Subtract, Multiply, Divide, Modulo,
};

struct AssertExpression;

struct AssertUnary {
  enum class Operator : uint8_t { Not, Negate } op = Operator::Not;
  Box<AssertExpression> operand;
  friend bool operator==(const AssertUnary&, const AssertUnary&) = default;
};

struct AssertBinary {
  AssertOperator op = AssertOperator::Equal;
  Box<AssertExpression> left;
  Box<AssertExpression> right;
  friend bool operator==(const AssertBinary&, const AssertBinary&) = default;
};

struct AssertExpression {
  SourceLocation location;
  // int64_t: a literal; std::string: a tcpi_* field or a constant such as TCP_CA_Recovery.
  std::variant<int64_t, std::string, AssertUnary, AssertBinary> node;
  friend bool operator==(const AssertExpression&, const AssertExpression&) = default;
};

struct Assertion {
  AssertExpression condition;
  std::string text;  // the condition as written, for failure messages
  friend bool operator==(const Assertion&, const Assertion&) = default;
};

struct Event {
  SourceLocation location;  // of the time spec, as packetdrill reports it
  TimeSpec time;
  std::variant<Packet, Syscall, ShellCommand, CodeBlock, Assertion> action;
  friend bool operator==(const Event&, const Event&) = default;
};

// Kernel-version guards (tcpdrill extension): one script carries the expectations of
// several kernels.
//   @if kernel >= 6.5 { ...events... } @elif kernel >= 5.10 { ... } @else { ... }
struct KernelVersion {
  uint32_t major = 0, minor = 0, patch = 0;
  friend auto operator<=>(const KernelVersion&, const KernelVersion&) = default;
};

struct KernelComparison {
  enum class Operator : uint8_t { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };
  Operator op = Operator::GreaterEqual;
  KernelVersion version;
  friend bool operator==(const KernelComparison&, const KernelComparison&) = default;
};

// Disjunction of conjunctions: a || b && c is {{a}, {b, c}}.
struct KernelPredicate {
  std::vector<std::vector<KernelComparison>> any_of_all_of;
  friend bool operator==(const KernelPredicate&, const KernelPredicate&) = default;
};

struct KernelGuard;

struct Statement {
  std::variant<Event, Box<KernelGuard>> value;
  friend bool operator==(const Statement&, const Statement&) = default;
};

struct KernelGuardBranch {
  SourceLocation location;
  std::optional<KernelPredicate> condition;  // absent for @else
  std::vector<Statement> body;
  friend bool operator==(const KernelGuardBranch&, const KernelGuardBranch&) = default;
};

struct KernelGuard {
  std::vector<KernelGuardBranch> branches;
  friend bool operator==(const KernelGuard&, const KernelGuard&) = default;
};

// --name or --name=value at the top of a script.
struct OptionSetting {
  SourceLocation location;
  std::string name;
  std::optional<std::string> value;
  friend bool operator==(const OptionSetting&, const OptionSetting&) = default;
};

// An untimed `command` before the first event (init) or after the last (cleanup).
struct UntimedCommand {
  SourceLocation location;
  std::string command;
  friend bool operator==(const UntimedCommand&, const UntimedCommand&) = default;
};

struct Script {
  std::string path;
  std::vector<OptionSetting> options;
  std::optional<UntimedCommand> init_command;
  std::vector<Statement> statements;
  std::optional<UntimedCommand> cleanup_command;
  friend bool operator==(const Script&, const Script&) = default;
};

}  // namespace tcpdrill::ast
