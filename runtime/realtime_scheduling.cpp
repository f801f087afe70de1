#include "runtime/realtime_scheduling.h"

#include <dirent.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tcpdrill::runtime {
namespace {

// Applies the policy to each thread in /proc/self/task; returns the first error.
int set_all_threads(int policy, int priority) {
  DIR* tasks = opendir("/proc/self/task");
  if (tasks == nullptr) return errno;
  sched_param param{};
  param.sched_priority = priority;
  int error = 0;
  while (const dirent* entry = readdir(tasks)) {
    if (entry->d_name[0] == '.') continue;
    const pid_t tid = static_cast<pid_t>(std::atoi(entry->d_name));
    if (sched_setscheduler(tid, policy, &param) != 0 && error == 0) error = errno;
  }
  closedir(tasks);
  return error;
}

}  // namespace

bool takes_realtime(long online_cpus, const char* realtime_on_one_cpu) {
  return online_cpus > 1 || (realtime_on_one_cpu != nullptr && std::strcmp(realtime_on_one_cpu, "1") == 0);
}

RealtimeScheduling::RealtimeScheduling(bool verbose, std::ostream& log) {
  if (!takes_realtime(sysconf(_SC_NPROCESSORS_ONLN), std::getenv(kRealtimeOnOneCpuVariable))) return;
  const int error = set_all_threads(SCHED_RR, sched_get_priority_min(SCHED_RR));
  raised_ = error == 0;
  if (error != 0 && verbose) log << "note: running without SCHED_RR: " << std::strerror(error) << "\n";
}

RealtimeScheduling::~RealtimeScheduling() {
  if (raised_) set_all_threads(SCHED_OTHER, 0);
}

}  // namespace tcpdrill::runtime
