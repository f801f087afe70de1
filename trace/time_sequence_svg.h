#pragma once

#include <string>

#include "trace/state_timeline.h"

namespace tcpdrill::trace {

// A self-contained SVG picture of a run: on top a time-sequence diagram of the TCP
// connection that carried the most data (its data segments as vertical bars from seq to
// end_seq, retransmissions in red and labelled by the congestion state they happened
// in, the other side's ACK number as a step line with a dot per ACK, SACK blocks as
// bars), below it cwnd, ssthresh and reordering of the socket that sent the data, on the
// same time axis. Periods the socket spent in Recovery or Loss are shaded across both.
// Each series is a group with an id: recovery-bands, data-segments, retransmissions,
// acks, sack-blocks, cwnd, ssthresh, reordering.
std::string time_sequence_svg(const StateTimeline& timeline, const std::string& title);

}  // namespace tcpdrill::trace
