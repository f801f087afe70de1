#include "cli/script_source.h"

#include <filesystem>

#include "parser/diagnostic.h"
#include "parser/regular_file.h"
#include "runtime/run_failure.h"

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
  // The file is read again only to quote the line at fault; one that cannot be read
  // (or is not a regular file, which could block) is quoted from nothing.
  std::string text;
  try {
    text = read_regular_file(error.file());
  } catch (const RegularFileError&) {
  }
  std::string rendered = format_diagnostic(error, text);
  if (const auto* failure = dynamic_cast<const runtime::RunFailure*>(&error)) rendered += failure->report();
  return rendered;
}

}  // namespace tcpdrill::cli
