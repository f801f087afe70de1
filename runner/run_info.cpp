#include "runner/run_info.h"

#include <sys/utsname.h>

#include <ctime>

#include "runner/load_probe.h"

#ifndef TCPDRILL_VERSION
#error "TCPDRILL_VERSION must be defined by the build"
#endif

namespace tcpdrill::runner {

const char* tcpdrill_version() { return TCPDRILL_VERSION; }

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

RunInfo collect_run_info() {
  RunInfo info;
  info.tcpdrill_version = tcpdrill_version();
  utsname names{};
  if (::uname(&names) == 0) {
    info.kernel_release = names.release;
    info.hostname = names.nodename;
  }
  info.load_average = read_load_average();
  info.start_time = std::chrono::system_clock::now();
  return info;
}

}  // namespace tcpdrill::runner
