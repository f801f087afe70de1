#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tcpdrill::netdev {

// Reads and writes kernel parameters through /proc/sys directly: one open and one
// read or write, no sysctl(8) subprocess, so setups stay in microseconds.
// Network parameters are per namespace: they act on the namespace of the calling thread.
class Sysctl {
 public:
  // root is /proc/sys on a real host; tests and preflight checks may point it elsewhere.
  explicit Sysctl(std::filesystem::path root = "/proc/sys") : root_(std::move(root)) {}

  // Maps "net.ipv4.tcp_sack" to <root>/net/ipv4/tcp_sack. A name that contains '/' is
  // taken as a path below root as is, which is how sysctl(8) lets names hold dots
  // (an interface called "eth0.100").
  std::filesystem::path path_of(std::string_view name) const;

  bool exists(std::string_view name) const;
  // The value without its trailing newline. Throws NetdevError.
  std::string read(std::string_view name) const;
  // Throws NetdevError carrying the kernel's refusal (EINVAL for a bad value, EPERM ...).
  void write(std::string_view name, std::string_view value) const;

 private:
  std::filesystem::path root_;
};

}  // namespace tcpdrill::netdev
