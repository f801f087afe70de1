#include "netdev/executable_search.h"

#include <unistd.h>

#include <cstdlib>

namespace tcpdrill::netdev {

std::string executable_search_path() {
  const char* path = std::getenv("PATH");
  return path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
}

std::optional<std::string> find_executable(const std::string& program, std::string_view search_path) {
  if (program.find('/') != std::string::npos) {
    if (::access(program.c_str(), X_OK) == 0) return program;
    return std::nullopt;
  }
  for (;;) {
    const std::size_t colon = search_path.find(':');
    const std::string_view directory = search_path.substr(0, colon);
    std::string candidate = std::string(directory.empty() ? "." : directory) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) return std::nullopt;
    search_path.remove_prefix(colon + 1);
  }
}

}  // namespace tcpdrill::netdev
