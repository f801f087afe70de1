#pragma once

#include <optional>
#include <variant>

#include "parser/ast_event.h"

namespace tcpdrill::parser_detail {

// Intermediate values of the grammar that are not AST nodes themselves.

// What follows the time of an event; a blocking syscall also brings its end time.
struct EventAction {
  std::variant<ast::Packet, ast::Syscall, ast::ShellCommand, ast::CodeBlock, ast::Assertion>
      action;
  std::optional<int64_t> blocking_end_usecs;
};

using TcpOptionsField = std::variant<std::monostate, ast::TcpOptionList, ast::AnyTcpOptions>;
using IcmpEchoed = std::variant<ast::icmp_echoed::DefaultTcp, ast::icmp_echoed::Tcp,
                                ast::icmp_echoed::Udp, ast::icmp_echoed::Raw>;

}  // namespace tcpdrill::parser_detail
