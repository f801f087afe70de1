#pragma once

#include <stdexcept>

namespace tcpdrill::runner {

// A problem with what the user asked for (bad option, path without scripts). The
// commands print its message on one line and exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A PATH that names nothing. Its own exit status, 128, outside the 1-127 that
// `git bisect run` reads as "bad": a bisection whose script does not exist in an old
// commit stops there instead of blaming the commit.
class MissingPathError : public UsageError {
 public:
  using UsageError::UsageError;
};

constexpr int kExitMissingPath = 128;

}  // namespace tcpdrill::runner
