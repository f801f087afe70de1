#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "parser/script_error.h"
#include "runtime/python_code_file.h"

namespace tcpdrill::runtime {

// Writes the collected snippets to a temporary file, runs `<code_command> FILE` through
// the shell in `directory` (empty: ours) and removes the file. The interpreter's stdout goes to `log`; -v also shows
// the file and the command. Returns the failure, located at the snippet that raised
// when the traceback names one:
//   script.pkt:12:1: error: error in Python code
//     Traceback (most recent call last): ...
std::optional<ScriptError> run_python_code(const PythonCodeFile& code, const std::string& script_path,
                                           const std::string& code_command,
                                           const std::filesystem::path& directory, bool verbose,
                                           std::ostream& log);

}  // namespace tcpdrill::runtime
