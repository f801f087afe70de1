#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace tcpdrill::runner {

// "1.25" for 1.25 s with `decimals` digits: the one spelling of durations in the
// console lines and reports.
inline std::string seconds_text(std::chrono::nanoseconds duration, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, std::chrono::duration<double>(duration).count());
  return text;
}

}  // namespace tcpdrill::runner
