#pragma once

#include <string>

#include "parser/script_error.h"

namespace tcpdrill::runtime {

// A failed run's error with what led to it (the events before it, the socket's state
// rows around it): shown after the diagnostic and its source line.
class RunFailure : public ScriptError {
 public:
  RunFailure(const ScriptError& error, std::string report)
      : ScriptError(error), report_(std::move(report)) {}
  const std::string& report() const { return report_; }

 private:
  std::string report_;
};

}  // namespace tcpdrill::runtime
