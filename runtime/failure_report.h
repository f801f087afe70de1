#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trace/state_timeline.h"

namespace tcpdrill::runtime {

// An event that finished, in script time, for the report.
struct FinishedEvent {
  uint32_t line = 0;
  int64_t usecs = 0;
};

// What follows a failure's diagnostic, so that a reader sees what led to it without
// opening a report: the last few events before the failure with the times they
// finished and their script lines, then the state rows of `socket` (the socket under
// test) from shortly before the failure to shortly after it:
//   last events before the failure:
//     0.200103  line 19  +.1 < . 1:1(0) ack 1001 win 257 <sack 4001:5001,nop,nop>
//   state of socket 4 around it (TCP_INFO):
//     time      line event     state        ca_state  cwnd ssthresh reord ...
// `source` is the script's text (lines are shown as written); empty without events.
std::string failure_context(const trace::StateTimeline& timeline,
                            const std::vector<FinishedEvent>& events, std::string_view source,
                            int64_t failure_usecs, std::optional<int> socket);

}  // namespace tcpdrill::runtime
