#pragma once

#include "trace/state_timeline.h"

namespace tcpdrill::trace::test {

// A sender's fast retransmit in miniature: four segments out, a SACK for the last,
// Recovery with cwnd cut from 10 to 7 and ssthresh set, the first segment again, the
// whole range acknowledged. Socket 4 sends; every packet has a row.
StateTimeline fast_retransmit_timeline();

}  // namespace tcpdrill::trace::test
