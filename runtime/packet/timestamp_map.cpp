#include "runtime/packet/timestamp_map.h"

namespace tcpdrill::runtime::packet {

void TimestampMap::record(uint32_t script_val, uint32_t live_val) {
  live_by_script_[script_val] = live_val;
  if (!baseline_) baseline_ = Baseline{script_val, live_val};
}

std::optional<uint32_t> TimestampMap::live_for_script(uint32_t script_val) const {
  auto it = live_by_script_.find(script_val);
  if (it == live_by_script_.end()) return std::nullopt;
  return it->second;
}

std::optional<uint32_t> TimestampMap::live_to_script(uint32_t live_val) const {
  if (!baseline_) return std::nullopt;
  return baseline_->script_val + (live_val - baseline_->live_val);
}

std::optional<uint32_t> TimestampMap::script_to_live(uint32_t script_val) const {
  if (!baseline_) return std::nullopt;
  return script_val - baseline_->script_val + baseline_->live_val;
}

}  // namespace tcpdrill::runtime::packet
