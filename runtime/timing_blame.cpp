#include "runtime/timing_blame.h"

namespace tcpdrill::runtime {

std::string timing_blame(TimedBy by, bool late) {
  switch (by) {
    case TimedBy::KernelPacket:
      return late ? "the kernel sent this packet late (or, on a stalled host, tcpdrill's "
                    "sniffer read it late)"
                  : "the kernel sent this packet early: the stack did not wait as long as the "
                    "script expects";
    case TimedBy::KernelReturn:
      return std::string("the kernel returned from this call ") + (late ? "late" : "early");
    case TimedBy::Tcpdrill:
      break;
  }
  if (!late) return "tcpdrill ran this event early, anchored on an earlier event that ran early";
  return "tcpdrill ran this event late: the host stalled (a busy CPU, a paused vCPU), not the "
         "kernel under test; `tcpdrill run --retry-timing N` reruns such failures, and --vm "
         "runs scripts on a virtual clock that does not stall";
}

std::string with_timing_blame(const std::string& error, TimedBy by, int64_t due_usecs,
                              int64_t actual_usecs) {
  return error + "\n  " + timing_blame(by, actual_usecs > due_usecs);
}

}  // namespace tcpdrill::runtime
