#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "parser/box.h"
#include "parser/source_location.h"

namespace tcpdrill::ast {

struct Expression;

// `...`: "don't care" in a result, "let tcpdrill fill it in" in an argument.
struct Ellipsis {
  friend bool operator==(const Ellipsis&, const Ellipsis&) = default;
};

struct IntegerLiteral {
  int64_t value = 0;
  bool hex = false;  // written as 0x...; some slots (tos, flowlabel) demand hex
  friend bool operator==(const IntegerLiteral&, const IntegerLiteral&) = default;
};

// A bare word: a symbol such as SOL_SOCKET, EAGAIN or a -D value; resolved at run time
// so that `tcpdrill check` accepts symbols of any kernel.
struct Symbol {
  std::string name;
  friend bool operator==(const Symbol&, const Symbol&) = default;
};

// "..." with escapes already decoded (adjacent literals concatenated).
struct StringLiteral {
  std::string bytes;
  friend bool operator==(const StringLiteral&, const StringLiteral&) = default;
};

// a | b | c
struct BitwiseOr {
  std::vector<Expression> operands;
  friend bool operator==(const BitwiseOr&, const BitwiseOr&) = default;
};

// [a, b] or {a, b}. Elements may be positional expressions or NamedFields; the
// runtime gives a list its meaning from the syscall slot it fills (an int pointer,
// an iovec array, a msghdr, a pollfd, a linger, an NLA list ...).
struct ExpressionList {
  enum class Bracket : uint8_t { Square, Brace };
  Bracket bracket = Bracket::Square;
  std::vector<Expression> elements;
  friend bool operator==(const ExpressionList&, const ExpressionList&) = default;
};

// name=value or name(count)=value, as in {fd=3, events=POLLIN} or msg_iov(1)=[...].
struct NamedField {
  std::string name;
  std::optional<int64_t> count;
  Box<Expression> value;
  friend bool operator==(const NamedField&, const NamedField&) = default;
};

// htons(8080), inet_addr("1.2.3.4"), inet6_addr("::1").
struct FunctionCall {
  std::string name;
  std::vector<Expression> arguments;
  friend bool operator==(const FunctionCall&, const FunctionCall&) = default;
};

// One MPLS label stack entry as written in a setsockopt value: (label L, tc T, [S], ttl X).
struct MplsLabelEntry {
  uint32_t label = 0;
  uint8_t traffic_class = 0;
  bool bottom_of_stack = false;
  uint8_t ttl = 0;
  friend bool operator==(const MplsLabelEntry&, const MplsLabelEntry&) = default;
};

struct MplsLabelStack {
  std::vector<MplsLabelEntry> entries;
  friend bool operator==(const MplsLabelStack&, const MplsLabelStack&) = default;
};

// A GRE header as written in a packet's outer headers or a sockopt value.
struct GreHeader {
  uint16_t flags = 0;  // C (0x8000), K (0x2000), S (0x1000); version bits must be 0
  uint16_t checksum = 0;
  uint16_t offset = 0;
  uint32_t key = 0;
  uint32_t sequence = 0;
  friend bool operator==(const GreHeader&, const GreHeader&) = default;
};

struct Expression {
  SourceLocation location;
  std::variant<Ellipsis, IntegerLiteral, Symbol, StringLiteral, BitwiseOr, ExpressionList,
               NamedField, FunctionCall, MplsLabelStack, GreHeader>
      value;
  friend bool operator==(const Expression&, const Expression&) = default;
};

}  // namespace tcpdrill::ast
