#pragma once

#include <stdexcept>
#include <string>

#include "parser/source_location.h"

namespace tcpdrill {

// The one error type that reaches the command-line boundary. Every failure a user
// can cause -- a parse error, a semantic error, a runtime mismatch -- is thrown as
// a ScriptError with the file and the position of the construct at fault.
// Lower layers (netdev, codec) throw std::exception subclasses without a location;
// the runtime attaches the location of the event that was running.
class ScriptError : public std::runtime_error {
 public:
  ScriptError(std::string file, SourceLocation where, const std::string& message)
      : std::runtime_error(message), file_(std::move(file)), where_(where) {}

  const std::string& file() const { return file_; }
  SourceLocation where() const { return where_; }

 private:
  std::string file_;
  SourceLocation where_;
};

}  // namespace tcpdrill
