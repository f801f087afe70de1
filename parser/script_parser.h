#pragma once

#include <map>
#include <string>
#include <string_view>

#include "parser/ast_event.h"

namespace tcpdrill {

// -D NAME=value substitutions, applied by the lexer to every WORD token.
using Defines = std::map<std::string, std::string>;

// Parses and semantically checks a whole script. Throws ScriptError (file, line,
// column, message) on the first error, like packetdrill does.
ast::Script parse_script(const std::string& path, std::string_view text, const Defines& defines);

// Reads `path` and parses it; an unreadable file is a ScriptError at 0:0.
ast::Script parse_script_file(const std::string& path, const Defines& defines);

}  // namespace tcpdrill
