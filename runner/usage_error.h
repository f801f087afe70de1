#pragma once

#include <stdexcept>

namespace tcpdrill::runner {

// A problem with what the user asked for (bad option, path without scripts). The
// commands print its message on one line and exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tcpdrill::runner
