#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

namespace tcpdrill::runtime::packet {

// Script TS val -> live TS val, learned from outbound packets (§4.6). The first
// outbound packet with a TS option fixes the baseline that converts any live val into
// script space and, with --tcp_ts_ecr_scaled, any script ecr into live space.
class TimestampMap {
 public:
  // Remembers the pair (a later live val for the same script val replaces it) and
  // fixes the baseline on the first call.
  void record(uint32_t script_val, uint32_t live_val);

  // The live value of an outbound script val seen so far.
  std::optional<uint32_t> live_for_script(uint32_t script_val) const;

  // first_script + (live - first_live), modulo 2^32; nullopt before any record().
  std::optional<uint32_t> live_to_script(uint32_t live_val) const;
  // script - first_script + first_live, modulo 2^32; nullopt before any record().
  std::optional<uint32_t> script_to_live(uint32_t script_val) const;

  bool has_baseline() const { return baseline_.has_value(); }

 private:
  struct Baseline {
    uint32_t script_val = 0;
    uint32_t live_val = 0;
  };
  std::unordered_map<uint32_t, uint32_t> live_by_script_;
  std::optional<Baseline> baseline_;
};

}  // namespace tcpdrill::runtime::packet
