#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace tcpdrill::runtime {

// A socket's congestion control and what it reports through TCP_CC_INFO (Vegas, DCTCP
// and BBR do; CUBIC and Reno report nothing), as read raw: decoding waits until a
// report needs the text.
struct CongestionInfo {
  std::array<char, 16> name{};  // TCP_CONGESTION, NUL-terminated
  std::array<uint8_t, 32> info{};
  uint8_t info_length = 0;

  // "cubic".
  std::string algorithm() const;
  // "alpha=1024 ab_ecn=0 ab_tot=0" (DCTCP), "bw=... min_rtt=..." (BBR) ...; empty when
  // the algorithm reports nothing.
  std::string details() const;
};

// Reads TCP_CONGESTION; a failed read leaves the name empty.
CongestionInfo read_congestion_name(int live_fd);
// Adds TCP_CC_INFO; a failed read leaves it empty.
void read_congestion_report(int live_fd, CongestionInfo& congestion);

}  // namespace tcpdrill::runtime
