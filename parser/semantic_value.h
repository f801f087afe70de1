#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "grammar_values.h"
#include "parser/ast_event.h"
#include "value_pool.h"

namespace tcpdrill::parser_detail {

// A symbol's optional value is assigned whole, as `$$ = OptionalU32(x)` or
// `$$ = OptionalU32()`: std::optional's own assignments first read the old value's flag,
// and the old value of a stack slot is some other symbol's bytes. So is IcmpEchoed's
// (a std::variant's index).
using OptionalNumber = std::optional<int64_t>;
using OptionalU32 = std::optional<uint32_t>;
using OptionalU16 = std::optional<uint16_t>;
using OptionalPorts = std::optional<ast::PortPair>;

// The value of one grammar symbol on the parser's stack (Bison's api.value.type; the
// member names are the grammar's type tags). It is trivially copyable so that each shift
// and reduction copies it as plain bytes, where Bison's variants dispatch on the
// symbol's type to move and destroy a value: that dispatch cost more than the rest of
// the parse. Small values are held here; large ones, which own memory, live in the
// parse's GrammarValueStore and are held by handle. Rules set every value they
// produce: Bison starts an empty rule's value as a copy of whatever lies on the stack.
union SemanticValue {
  SemanticValue() : number(0) {}

  // Token text: a view into the scanner's copy of the script, or into ParseContext's
  // kept texts; either lives as long as the parse.
  std::string_view text;
  int64_t number;
  OptionalNumber optional_number;
  OptionalU32 optional_u32;
  OptionalU16 optional_u16;
  bool flag;
  ast::IpInfo ip_info;
  ast::TosSpec tos;
  OptionalPorts ports;
  ast::TcpFlags tcp_flags;
  ast::icmp_echoed::Tcp sequence_range;
  ast::tcp_option::SackBlock sack_block;
  IcmpEchoed icmp_echoed;
  ast::GreHeader gre_header;
  ast::MplsLabelEntry mpls_entry;
  ast::KernelComparison kernel_comparison;
  ast::KernelComparison::Operator comparison_operator;

  Handle<ast::TimeSpec> time;
  Handle<std::optional<std::string>> optional_string;
  Handle<std::vector<ast::Statement>> statements;
  Handle<EventAction> event_action;
  Handle<ast::Packet> packet;
  Handle<TcpOptionsField> tcp_options;
  Handle<ast::TcpOptionList> tcp_option_list;
  Handle<ast::TcpOption> tcp_option;
  Handle<std::vector<ast::tcp_option::SackBlock>> sack_blocks;
  Handle<ast::Bytes> bytes;
  Handle<std::optional<ast::Bytes>> payload;
  Handle<ast::MplsLabelStack> mpls_stack;
  Handle<ast::Expression> expression;
  Handle<ast::FunctionCall> function_call;
  Handle<std::vector<ast::Expression>> expressions;
  Handle<ast::KernelGuard> kernel_guard;
  Handle<std::vector<ast::KernelGuardBranch>> guard_branches;
  Handle<std::optional<ast::KernelGuardBranch>> else_branch;
  Handle<ast::KernelPredicate> kernel_predicate;
  Handle<std::vector<ast::KernelComparison>> kernel_conjunction;
};
static_assert(std::is_trivially_copyable_v<SemanticValue>);

// Where the large values of one parse live (the types of the handles above).
using GrammarValueStore =
    ValuePools<ast::TimeSpec, std::optional<std::string>, std::vector<ast::Statement>,
               EventAction, ast::Packet,
               TcpOptionsField, ast::TcpOptionList, ast::TcpOption,
               std::vector<ast::tcp_option::SackBlock>, ast::Bytes, std::optional<ast::Bytes>,
               ast::MplsLabelStack, ast::Expression, ast::FunctionCall,
               std::vector<ast::Expression>, ast::KernelGuard,
               std::vector<ast::KernelGuardBranch>, std::optional<ast::KernelGuardBranch>,
               ast::KernelPredicate, std::vector<ast::KernelComparison>>;

}  // namespace tcpdrill::parser_detail
