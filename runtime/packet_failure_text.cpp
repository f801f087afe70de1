#include "runtime/packet_failure_text.h"

#include "runtime/event_timing.h"

namespace tcpdrill::runtime {

std::string outbound_failure_text(const packet::MatchResult& result, int64_t script_usecs,
                                  int64_t actual_usecs,
                                  const std::optional<std::string>& timing_error) {
  const bool fields_differ = !result.matched();
  std::string text = fields_differ || !timing_error ? "outbound packet does not match"
                                                    : *timing_error;
  text += "\n  script:  " + format_seconds(script_usecs) + " " + result.script_dump;
  text += "\n  actual:  " + format_seconds(actual_usecs) + " " + result.actual_dump;
  for (const packet::FieldMismatch& mismatch : result.mismatches)
    text += "\n  " + mismatch.field + ": expected " + mismatch.expected + ", got " + mismatch.actual;
  for (const std::string& problem : result.problems) text += "\n  " + problem;
  if (fields_differ && timing_error) text += "\n  " + *timing_error;
  return text;
}

}  // namespace tcpdrill::runtime
