#pragma once

#include <string>
#include <vector>

#include "runner/test_case.h"

namespace tcpdrill::runner {

// Finds the scripts named by the command line's PATHs: every `*.pkt` below a directory
// (recursively), or a file named directly. Sorted by display path, duplicates removed.
// Throws UsageError for a PATH that does not exist or a directory without scripts.
// A script that cannot be read is returned with `unreadable_reason` set.
std::vector<Script> discover_scripts(const std::vector<std::string>& paths);

// Expands scripts into test cases in their variants (see variants_for_script).
std::vector<TestCase> plan_test_cases(const std::vector<Script>& scripts,
                                      const std::vector<Variant>& selected);

}  // namespace tcpdrill::runner
