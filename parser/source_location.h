#pragma once

#include <cstdint>

namespace tcpdrill {

// A 1-based position in a script. The file name lives once in the Script and in
// ScriptError, not in every node, so that a 100,000-event script stays small.
struct SourceLocation {
  uint32_t line = 0;
  uint32_t column = 0;

  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

}  // namespace tcpdrill
