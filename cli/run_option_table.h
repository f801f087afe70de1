#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/run_config.h"

namespace tcpdrill::cli {

// A flag's value is unusable ("bad --mtu: x") or the flag is unknown. Carries no
// location: the caller knows whether the flag came from the command line or from
// which script line.
class OptionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;         // without the leading dashes
  bool takes_value = true;
  std::string value_hint;   // for the usage text; empty when no value
  std::string description;
};

// Every flag packetdrill accepts plus tcpdrill's own, in usage order. One table
// serves the command line and the option lines at the top of a script, so both
// accept and reject exactly the same things.
const std::vector<OptionSpec>& run_option_specs();

// Applies one flag. `value` is absent when the flag was written without one.
void apply_run_option(runtime::RunConfig& config, const std::string& name,
                      const std::optional<std::string>& value);

}  // namespace tcpdrill::cli
