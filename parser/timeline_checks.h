#pragma once

#include "parse_context.h"
#include "parser/ast_event.h"

namespace tcpdrill::parser_detail {

// packetdrill checks when it runs a script that the first event is at time 0 and that
// consecutive absolute times never go backwards. tcpdrill checks both before running,
// on every path through the kernel-version guards, so a script is wrong for no kernel.
void check_timeline(const ast::Script& script, const ParseContext& context);

}  // namespace tcpdrill::parser_detail
