#include "vm/shared_libraries.h"

#include <sstream>

#include "runner/child_process.h"

namespace tcpdrill::vm {

std::set<std::filesystem::path> parse_ldd_output(const std::string& output) {
  std::set<std::filesystem::path> libraries;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    // "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or
    // "\t/lib64/ld-linux-x86-64.so.2 (0x...)"; headers ("/usr/bin/ls:") are not indented.
    if (line.empty() || (line[0] != '\t' && line[0] != ' ')) continue;
    std::size_t start = line.find("=> ");
    start = start == std::string::npos ? line.find_first_not_of(" \t") : start + 3;
    if (start == std::string::npos || line[start] != '/') continue;
    const std::size_t end = line.find(" (", start);
    libraries.insert(line.substr(start, end == std::string::npos ? std::string::npos : end - start));
  }
  return libraries;
}

std::set<std::filesystem::path> shared_libraries_of(const std::vector<std::filesystem::path>& binaries) {
  if (binaries.empty()) return {};
  runner::ChildRequest request;
  request.argv = {"ldd"};
  for (const auto& binary : binaries) request.argv.push_back(binary.string());
  request.timeout = std::chrono::seconds(60);
  const runner::CancelSignal never;
  // ldd exits 1 when one of them is not dynamic; the others are still listed.
  return parse_ldd_output(runner::run_child(request, never).standard_output);
}

}  // namespace tcpdrill::vm
