#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace tcpdrill::vm {

// The shared libraries (and the dynamic loader) the host's loader would map for each of
// `binaries`: their ELF dependencies searched as the loader searches (run path, the
// directories of ld.so.conf, the system's), ldd asked only for what that cannot place.
// One ldd call for a hundred binaries costs seconds: it runs the loader three times each.
// Static binaries and scripts add nothing.
std::set<std::filesystem::path> shared_libraries_of(const std::vector<std::filesystem::path>& binaries);

// The library paths in ldd's output (exposed for tests).
std::set<std::filesystem::path> parse_ldd_output(const std::string& output);

}  // namespace tcpdrill::vm
