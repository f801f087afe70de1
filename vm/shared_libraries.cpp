#include "vm/shared_libraries.h"

#include <glob.h>

#include <deque>
#include <fstream>
#include <sstream>

#include "runner/child_process.h"
#include "vm/elf_dynamic_info.h"

namespace tcpdrill::vm {
namespace fs = std::filesystem;

namespace {

// Where the loader looks after a binary's own run path: the directories ld.so.conf lists
// (its cache is built from them), then the system's trusted directories.
void add_configured_dirs(const fs::path& conf, std::vector<fs::path>& dirs, int depth = 0) {
  std::ifstream in(conf);
  std::string line;
  while (depth < 8 && std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string first;
    if (!(words >> first)) continue;
    if (first != "include") {
      if (first.front() == '/') dirs.emplace_back(first);
      continue;
    }
    std::string pattern;
    while (words >> pattern) {
      const fs::path absolute = pattern.front() == '/' ? fs::path(pattern) : conf.parent_path() / pattern;
      glob_t matches{};
      if (::glob(absolute.c_str(), 0, nullptr, &matches) == 0) {
        for (std::size_t i = 0; i < matches.gl_pathc; ++i) add_configured_dirs(matches.gl_pathv[i], dirs, depth + 1);
      }
      ::globfree(&matches);
    }
  }
}

std::vector<fs::path> system_library_dirs() {
  std::vector<fs::path> dirs;
  add_configured_dirs("/etc/ld.so.conf", dirs);
  for (const char* dir : {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib",
                          "/usr/lib"}) {
    dirs.emplace_back(dir);
  }
  return dirs;
}

std::optional<fs::path> find_library(const std::string& soname, const ElfDynamicInfo& wanted_by,
                                     const fs::path& origin, const std::vector<fs::path>& system_dirs) {
  if (soname.find('/') != std::string::npos) return fs::path(soname);
  std::vector<fs::path> dirs;
  for (std::string dir : wanted_by.search_paths) {
    for (const std::string token : {"$ORIGIN", "${ORIGIN}"}) {
      if (const std::size_t at = dir.find(token); at != std::string::npos) dir.replace(at, token.size(), origin.string());
    }
    dirs.emplace_back(dir);
  }
  dirs.insert(dirs.end(), system_dirs.begin(), system_dirs.end());
  for (const fs::path& dir : dirs) {
    const fs::path candidate = dir / soname;
    const std::optional<ElfDynamicInfo> library = read_elf_dynamic_info(candidate);
    if (library && library->machine == wanted_by.machine) return candidate;
  }
  return std::nullopt;
}

std::set<fs::path> ask_ldd(const std::vector<fs::path>& binaries) {
  runner::ChildRequest request;
  request.argv = {"ldd"};
  for (const auto& binary : binaries) request.argv.push_back(binary.string());
  request.timeout = std::chrono::seconds(60);
  const runner::CancelSignal never;
  // ldd exits 1 when one of them is not dynamic; the others are still listed.
  return parse_ldd_output(runner::run_child(request, never).standard_output);
}

}  // namespace

std::set<fs::path> parse_ldd_output(const std::string& output) {
  std::set<fs::path> libraries;
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

std::set<fs::path> shared_libraries_of(const std::vector<fs::path>& binaries) {
  const std::vector<fs::path> system_dirs = system_library_dirs();
  std::set<fs::path> libraries;
  std::vector<fs::path> unresolved;
  std::deque<fs::path> pending(binaries.begin(), binaries.end());
  std::set<fs::path> read;
  while (!pending.empty()) {
    const fs::path file = pending.front();
    pending.pop_front();
    if (!read.insert(file).second) continue;
    const std::optional<ElfDynamicInfo> info = read_elf_dynamic_info(file);
    if (!info) continue;
    if (!info->interpreter.empty()) libraries.insert(info->interpreter);
    for (const std::string& soname : info->needed) {
      const std::optional<fs::path> library = find_library(soname, *info, file.parent_path(), system_dirs);
      if (!library) {
        unresolved.push_back(file);
        continue;
      }
      libraries.insert(*library);
      pending.push_back(*library);
    }
  }
  // What the search above cannot place (a loader feature it does not follow), the
  // host's loader itself can.
  if (!unresolved.empty()) libraries.merge(ask_ldd(unresolved));
  return libraries;
}

}  // namespace tcpdrill::vm
