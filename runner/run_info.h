#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>

namespace tcpdrill::runner {

// Facts about the run that make a report comparable later: which kernel, which tcpdrill,
// how loaded the host was (timing failures on a busy host mean little), when.
struct RunInfo {
  std::string tcpdrill_version;
  std::string kernel_release;  // uname -r
  std::string hostname;
  std::optional<std::array<double, 3>> load_average;  // at start
  std::chrono::system_clock::time_point start_time{};
  unsigned jobs = 1;
  unsigned repeat = 1;
  unsigned retry_timing = 0;
  std::chrono::milliseconds timeout{0};
  std::string shard;  // "I/N", empty when not sharded
  // Where the tests ran: "host", or the VM backend's kernel and clock mode.
  std::string backend = "host";
};

// Fills version, kernel release, hostname, load average and start time from this host.
RunInfo collect_run_info();

// "2026-11-22T02:00:00Z".
std::string iso8601_utc(std::chrono::system_clock::time_point time);

// The tcpdrill version compiled into the runner.
const char* tcpdrill_version();

}  // namespace tcpdrill::runner
