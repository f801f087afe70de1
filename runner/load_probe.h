#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace tcpdrill::runner {

// How busy the host's CPUs are. The scheduler asks before starting another test, so a
// saturated machine (another build, a debug kernel) does not turn healthy tests into
// timing failures.
class LoadProbe {
 public:
  virtual ~LoadProbe() = default;
  // Fraction of CPU time busy at normal priority since the previous call, 0..1. May be
  // called from several threads.
  virtual double busy_fraction() = 0;
};

// Reads the aggregate "cpu" line of /proc/stat and compares it with the previous sample.
// Samples closer together than `min_interval` return the previous figure, because a few
// jiffies say nothing.
class ProcStatLoadProbe final : public LoadProbe {
 public:
  explicit ProcStatLoadProbe(std::string stat_path = "/proc/stat",
                             std::chrono::milliseconds min_interval = std::chrono::milliseconds(200));
  double busy_fraction() override;

 private:
  struct Sample {
    uint64_t busy = 0;
    uint64_t total = 0;
  };
  std::optional<Sample> read_sample() const;

  std::string stat_path_;
  std::chrono::milliseconds min_interval_;
  std::mutex mutex_;
  std::optional<Sample> previous_;
  std::chrono::steady_clock::time_point previous_time_{};
  double last_fraction_ = 0.0;
};

// Parses one "cpu ..." line of /proc/stat into busy and total jiffies (idle, iowait and
// niced time are not busy). Exposed for tests.
std::optional<std::array<uint64_t, 2>> parse_cpu_line(const std::string& line);

// The three figures of /proc/loadavg, for the report; empty if unreadable.
std::optional<std::array<double, 3>> read_load_average(const std::string& path = "/proc/loadavg");

}  // namespace tcpdrill::runner
