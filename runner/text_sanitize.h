#pragma once

#include <string>
#include <string_view>

namespace tcpdrill::runner {

// Test logs are arbitrary bytes; report formats are not. Replaces invalid UTF-8 sequences
// with '?' and drops control characters other than tab and newline (XML 1.0 forbids
// them even escaped).
std::string sanitize_text(std::string_view bytes);

}  // namespace tcpdrill::runner
