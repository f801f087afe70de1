#pragma once

#include <ostream>

namespace tcpdrill::runtime {

// SCHED_RR for every thread of the process while it lives, SCHED_OTHER again after.
//
// Only the timed part of a run is real-time: setting up the namespace and tearing it
// down is kernel work that would otherwise run at real-time priority and delay the
// event loops of other tests on the same CPUs. The threads already running (the TUN
// sniffer) are raised with the calling thread; threads started later inherit it. The
// sniffer was made real-time when it timestamped outbound segments as it read them (at
// normal priority, beside other tests' set-up work, they came 4-10 ms late: 8-14 timing
// failures per `-j 8` suite run instead of none). Segments carry the kernel's transmit
// time now, but the sniffer still samples the socket state of the timeline the moment
// it reads a packet, so it stays real-time. docs/compatibility.md (D3) has the
// scripts whose timer-driven retransmits fail their timing more often under tcpdrill
// than under packetdrill (a kernel selftest and two packetdrill-suite scripts), and
// what is known of why.
// Without the privilege, or on one CPU (where a spinning real-time thread could starve
// the kernel's own work), the run goes on at normal priority -- unless the environment
// says the CPU is the run's alone (kRealtimeOnOneCpuVariable): the VM backend's guest,
// whose one vCPU runs nothing else, and where at normal priority a new thread (a
// blocking call's) waited up to two ticks for the CPU.
class RealtimeScheduling {
 public:
  RealtimeScheduling(bool verbose, std::ostream& log);
  ~RealtimeScheduling();
  RealtimeScheduling(const RealtimeScheduling&) = delete;
  RealtimeScheduling& operator=(const RealtimeScheduling&) = delete;

 private:
  bool raised_ = false;
};

inline constexpr const char* kRealtimeOnOneCpuVariable = "TCPDRILL_REALTIME_ON_ONE_CPU";

// Whether a run on `online_cpus` CPUs takes SCHED_RR, given the variable's value (null
// when unset).
bool takes_realtime(long online_cpus, const char* realtime_on_one_cpu);

}  // namespace tcpdrill::runtime
