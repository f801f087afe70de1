#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tcpdrill::netdev {

// What a script needs from the host beyond a network namespace and a TUN device; the
// runtime gathers it from the script (its sysctl and tc commands).
struct PreflightRequest {
  std::vector<std::string> congestion_controls{};         // names for net.ipv4.tcp_congestion_control
  std::vector<std::string> qdisc_kinds{};                 // kinds for `tc qdisc ... root KIND`
  std::vector<std::string> socket_congestion_controls{};  // names for setsockopt(TCP_CONGESTION)
  std::vector<std::string> programs{};                    // optional tools its commands run (nft)
};

// Where the checks look; tests point them at fake trees.
struct HostPaths {
  std::filesystem::path proc_sys = "/proc/sys";
  std::filesystem::path tun_device = "/dev/net/tun";
  std::string search_path{};  // where programs are looked for; empty: $PATH
};

// Says, one line per problem, why a script cannot run on this host (exit code 125),
// before anything is set up. Run it in the initial network namespace, while the process
// has a single thread: the namespace and qdisc checks try the real thing in a forked
// child's scratch namespace, because only the kernel knows for sure.
class Preflight {
 public:
  explicit Preflight(HostPaths paths = {}) : paths_(std::move(paths)) {}

  // Whether anything can run here at all: a TUN device, then a network namespace. The
  // first problem, or nullopt.
  std::optional<std::string> check_host() const;
  // The checks below that the request calls for, on a host that passed check_host();
  // empty when the script's requirements are met.
  std::vector<std::string> check_requirements(const PreflightRequest& request) const;

  std::optional<std::string> check_tun_device() const;
  // Whether a private network namespace can be made: always when we hold CAP_SYS_ADMIN
  // and CAP_NET_ADMIN, else tried with an unprivileged user namespace.
  std::optional<std::string> check_network_namespace() const;
  // A child namespace may only select algorithms that the initial namespace lists in
  // net.ipv4.tcp_allowed_congestion_control, and only loaded ones.
  std::vector<std::string> check_congestion_controls(const std::vector<std::string>& names) const;
  // setsockopt(TCP_CONGESTION) is not bound by that list when the caller has CAP_NET_ADMIN
  // over the socket's namespace, which a run has; it only needs the algorithm built in or
  // loadable. Tried on a socket that is never bound, so the host sees nothing but the
  // module autoload the run would cause anyway.
  std::vector<std::string> check_socket_congestion_controls(const std::vector<std::string>& names) const;
  // Installs each kind as lo's root qdisc in a scratch namespace; the kernel autoloads
  // sch_KIND if it can, so a kind fails only when it is neither built in nor installed.
  // Chosen over reading /sys/module or modules.builtin, which miss built-in qdiscs
  // without module parameters and hosts without /lib/modules.
  std::vector<std::string> check_qdisc_kinds(const std::vector<std::string>& kinds) const;
  // Each program must be an executable file in one of the search path's directories;
  // for netfilter's tools (nft, iptables, ip6tables, conntrack) the kernel must also
  // offer netfilter netlink.
  std::vector<std::string> check_programs(const std::vector<std::string>& programs) const;

 private:
  HostPaths paths_;
};

}  // namespace tcpdrill::netdev
