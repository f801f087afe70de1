#include "runner/load_probe.h"

#include <fstream>
#include <sstream>

namespace tcpdrill::runner {

std::optional<std::array<uint64_t, 2>> parse_cpu_line(const std::string& line) {
  std::istringstream in(line);
  std::string label;
  in >> label;
  if (label != "cpu") return std::nullopt;
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  std::array<uint64_t, 8> fields{};
  std::size_t count = 0;
  while (count < fields.size() && in >> fields[count]) ++count;
  if (count < 4) return std::nullopt;
  uint64_t total = 0;
  for (std::size_t i = 0; i < count; ++i) total += fields[i];
  // Niced work (builds at idle priority) yields the CPU to a test at once, so it does
  // not count as busy; it would otherwise hold tests back on a machine shared with it.
  const uint64_t yielding = fields[1] + fields[3] + (count > 4 ? fields[4] : 0);
  return std::array<uint64_t, 2>{total - yielding, total};
}

ProcStatLoadProbe::ProcStatLoadProbe(std::string stat_path, std::chrono::milliseconds min_interval)
    : stat_path_(std::move(stat_path)), min_interval_(min_interval) {}

std::optional<ProcStatLoadProbe::Sample> ProcStatLoadProbe::read_sample() const {
  std::ifstream in(stat_path_);
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  auto parsed = parse_cpu_line(line);
  if (!parsed) return std::nullopt;
  return Sample{(*parsed)[0], (*parsed)[1]};
}

double ProcStatLoadProbe::busy_fraction() {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (previous_ && now - previous_time_ < min_interval_) return last_fraction_;
  const auto sample = read_sample();
  if (!sample) return 0.0;  // no /proc: never hold tests back
  if (previous_ && sample->total > previous_->total) {
    last_fraction_ = static_cast<double>(sample->busy - previous_->busy) /
                     static_cast<double>(sample->total - previous_->total);
  }
  previous_ = sample;
  previous_time_ = now;
  return last_fraction_;
}

std::optional<std::array<double, 3>> read_load_average(const std::string& path) {
  std::ifstream in(path);
  std::array<double, 3> load{};
  if (!(in >> load[0] >> load[1] >> load[2])) return std::nullopt;
  return load;
}

}  // namespace tcpdrill::runner
