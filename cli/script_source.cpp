#include "cli/script_source.h"

#include "parser/diagnostic.h"
#include "parser/regular_file.h"

namespace tcpdrill::cli {

std::string render_error(const ScriptError& error) {
  // The file is read again only to quote the line at fault; one that cannot be read
  // (or is not a regular file, which could block) is quoted from nothing.
  std::string text;
  try {
    text = read_regular_file(error.file());
  } catch (const RegularFileError&) {
  }
  return format_diagnostic(error, text);
}

}  // namespace tcpdrill::cli
