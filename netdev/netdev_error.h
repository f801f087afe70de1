#pragma once

#include <cerrno>
#include <string>
#include <system_error>

namespace tcpdrill::netdev {

// Every failure of the host network layer. what() reads
// "<what was attempted>: <why it failed>", e.g.
// "cannot create TUN device: /dev/net/tun: No such file or directory", so the runtime can
// show it as is next to the script line that caused it. code() keeps the errno for
// callers that react to a specific cause (preflight, tests).
class NetdevError : public std::system_error {
 public:
  NetdevError(int errno_value, const std::string& attempted)
      : std::system_error(errno_value, std::generic_category(), attempted) {}
};

// Throws NetdevError for the current errno; call right after the failing syscall.
[[noreturn]] inline void throw_errno(const std::string& attempted) {
  throw NetdevError(errno, attempted);
}

}  // namespace tcpdrill::netdev
