#include "cli/script_source.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser/diagnostic.h"

namespace tcpdrill::cli {

void require_scripts_exist(const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    // Only "not found": a file we may not read is reported when it is read, with its reason.
    std::error_code error;
    if (std::filesystem::status(path, error).type() == std::filesystem::file_type::not_found) {
      throw MissingScriptError("no such script: " + path);
    }
  }
}

std::string render_error(const ScriptError& error) {
  std::ifstream in(error.file(), std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  return format_diagnostic(error, text.str());
}

}  // namespace tcpdrill::cli
