#pragma once

#include "parser/ast_event.h"

namespace tcpdrill::runtime {

// The names a script leaves for the runtime to resolve, checked without running it:
// every system call is one tcpdrill implements, every bare word in a call is a symbol
// of the Linux headers tcpdrill was built with (the same table a run resolves it in, so
// the answer holds on every kernel), and every name in an `assert` is a tcp_info field
// or constant. All @if kernel branches are checked, since each runs on some kernel.
// Throws ScriptError at the first unknown name.
void check_script_names(const ast::Script& script);

}  // namespace tcpdrill::runtime
