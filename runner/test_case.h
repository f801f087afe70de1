#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "runner/variant.h"

namespace tcpdrill::runner {

// One discovered .pkt file.
struct Script {
  // Relative to the PATH argument it was found under (the file name for a PATH that is
  // a file): independent of where the checkout lives, so it keys shards and diffs.
  std::string name;
  std::filesystem::path display_path;   // as the user would type it: PATH / name
  std::filesystem::path absolute_path;
  std::optional<Variant> pinned;        // from a `--ip_version=` option line
  std::optional<std::string> unreadable_reason;  // set: reported failed, never run
};

// One script in one variant: the unit that gets a verdict.
struct TestCase {
  Script script;
  Variant variant = Variant::Ipv4;
};

// "tcp/x.pkt (ipv4)": how a test case is named in every report.
inline std::string test_case_label(const TestCase& test) {
  return test.script.name + " (" + std::string(variant_name(test.variant)) + ")";
}

}  // namespace tcpdrill::runner
