#pragma once

#include <string_view>

#include "parse_context.h"
#include "parser/ast_packet.h"

namespace tcpdrill::parser_detail {

// "S.", "P.", "F", "S.2", ".5", "SEW", "-" -> TcpFlags. The letters are F S R P . U
// E(ECE) W(CWR) A(AE); one digit 0-7 is the AccECN ACE field, which conflicts with
// E, W, A and with a second digit. Errors name the offending character.
ast::TcpFlags parse_tcp_flags(std::string_view text, SourceLocation where,
                              const ParseContext& context);

}  // namespace tcpdrill::parser_detail
