#include "cli/script_source.h"

#include <fstream>
#include <sstream>

#include "parser/diagnostic.h"

namespace tcpdrill::cli {

std::string render_error(const ScriptError& error) {
  std::ifstream in(error.file(), std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  return format_diagnostic(error, text.str());
}

}  // namespace tcpdrill::cli
