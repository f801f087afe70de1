#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "parser/ast_event.h"
#include "runtime/syscall/syscall_environment.h"

namespace tcpdrill::runtime {

// Evaluates one integer expression: literals, symbols, a | b, htons/htonl/ntohs/ntohl,
// inet_addr("a.b.c.d") (network order). Throws SyscallError.
int64_t evaluate_integer(const ast::Expression& expression);
int32_t evaluate_s32(const ast::Expression& expression);
// "integer", "ellipsis", "string", "list" ... for "Bad type; actual: X expected: Y".
std::string expression_type_name(const ast::Expression& expression);
bool is_ellipsis(const ast::Expression& expression);
// Throws "Bad type; actual: X expected: list".
const ast::ExpressionList& expect_list(const ast::Expression& expression);
const std::string& expect_string(const ast::Expression& expression);
// [N] -> N; throws "Expected [<element>] but got multiple elements".
int64_t evaluate_bracketed_integer(const ast::Expression& expression);
// The value of a named field such as events=POLLIN; throws when absent.
const ast::NamedField* find_field(const ast::ExpressionList& list, std::string_view name);

// The arguments of one syscall line, read positionally as packetdrill does.
class CallArguments {
 public:
  CallArguments(const ast::Syscall& syscall, SyscallEnvironment& env)
      : syscall_(syscall), env_(env) {}

  std::size_t count() const { return syscall_.arguments.size(); }
  void expect_count(std::size_t expected) const;  // "Expected N args but got M"
  const ast::Expression& at(std::size_t index) const;
  bool is_ellipsis(std::size_t index) const;
  void expect_ellipsis(std::size_t index) const;
  int32_t s32(std::size_t index) const;
  int64_t s64(std::size_t index) const;
  // The script fd at index and its live fd.
  int script_fd(std::size_t index) const { return s32(index); }
  int live_fd(std::size_t index) const;
  // `...` -> true (allocate), NULL/0 -> false; else "Expected ... or NULL for buffer".
  bool buffer_wanted(std::size_t index) const;
  SyscallEnvironment& env() const { return env_; }

 private:
  const ast::Syscall& syscall_;
  SyscallEnvironment& env_;
};

}  // namespace tcpdrill::runtime
