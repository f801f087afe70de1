#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/packet/match_result.h"

namespace tcpdrill::runtime {

// The message of a failed `>` event: a headline, both packets in script notation with
// their times, then one line per differing field and per other problem:
//   outbound packet does not match
//     script:  0.200000 P. 1:1001(1000) ack 1 win 100
//     actual:  0.201025 P. 1:1001(1000) ack 1 win 63
//     tcp_window: expected 100, got 63
// When only the time is wrong the timing error is the headline.
std::string outbound_failure_text(const packet::MatchResult& result, int64_t script_usecs,
                                  int64_t actual_usecs,
                                  const std::optional<std::string>& timing_error);

}  // namespace tcpdrill::runtime
