#pragma once

#include <cstdint>
#include <string>

namespace tcpdrill::runtime {

// Who did what a timing error measured.
enum class TimedBy {
  Tcpdrill,       // inbound packets, calls, commands, code, asserts: started by us
  KernelPacket,   // an outbound packet, at the kernel's own transmit time
  SnifferRead,    // an outbound packet whose kernel time was lost: when the sniffer read it
  KernelReturn,   // a blocking call's return
};

// The line a timing error gets after its headline: whose clock the deviation is on.
// What tcpdrill starts itself is late only when the host did not run tcpdrill in time,
// and then the line says by how much (`late_usecs`, after the due time).
std::string timing_blame(TimedBy by, bool late, int64_t late_usecs = 0);

// The blame line for an outbound packet that looks early only because the event before
// it, due at previous_due_usecs, ended late (previous_end_usecs), which is what the
// packet's relative time counts from (early_only_by_previous_overrun).
std::string previous_event_overran_blame(int64_t previous_due_usecs, int64_t previous_end_usecs);

// `error` (a timing error's text) with the blame line under it, indented.
std::string with_timing_blame(const std::string& error, TimedBy by, int64_t due_usecs,
                              int64_t actual_usecs);

}  // namespace tcpdrill::runtime
