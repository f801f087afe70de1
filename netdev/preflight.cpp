#include "netdev/preflight.h"

#include <fcntl.h>
#include <linux/capability.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "netdev/executable_search.h"
#include "netdev/netdev_error.h"
#include "netdev/netlink.h"
#include "netdev/proc_file.h"
#include "netdev/scratch_namespace.h"
#include "netdev/sysctl.h"
#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {
namespace {

constexpr const char* kAllowed = "net.ipv4.tcp_allowed_congestion_control";
constexpr const char* kAvailable = "net.ipv4.tcp_available_congestion_control";

bool has_effective_capability(int capability) {
  std::istringstream status(read_proc_file("/proc/self/status", "cannot read our capabilities"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("CapEff:", 0) != 0) continue;
    const uint64_t effective = std::stoull(line.substr(7), nullptr, 16);
    return (effective >> capability & 1) != 0;
  }
  return false;
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream stream(text);
  std::vector<std::string> result;
  for (std::string word; stream >> word;) result.push_back(word);
  return result;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string joined(const std::vector<std::string>& list) {
  std::string text;
  for (const std::string& item : list) text += (text.empty() ? "" : " ") + item;
  return text;
}

// Netfilter's tools (nft, iptables, conntrack) all talk to the kernel's
// netfilter over NETLINK_NETFILTER: a kernel built or booted without it (a VM guest
// without the netfilter modules) runs none of them. Opening the socket loads nfnetlink
// if it is a module, which the tool would do anyway.
bool is_netfilter_tool(const std::string& program) {
  return program == "nft" || program == "iptables" || program == "ip6tables" || program == "conntrack";
}

bool kernel_has_netfilter_netlink() {
  const UniqueFd socket_fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER));
  return socket_fd.valid();
}

}  // namespace

std::optional<std::string> Preflight::check_host() const {
  if (auto problem = check_tun_device()) return problem;
  return check_network_namespace();
}

std::vector<std::string> Preflight::check_requirements(const PreflightRequest& request) const {
  std::vector<std::string> problems = check_congestion_controls(request.congestion_controls);
  for (std::string& problem : check_socket_congestion_controls(request.socket_congestion_controls)) {
    problems.push_back(std::move(problem));
  }
  for (std::string& problem : check_qdisc_kinds(request.qdisc_kinds)) problems.push_back(std::move(problem));
  for (std::string& problem : check_programs(request.programs)) problems.push_back(std::move(problem));
  return problems;
}

std::vector<std::string> Preflight::check_programs(const std::vector<std::string>& programs) const {
  const std::string search_path = !paths_.search_path.empty() ? paths_.search_path : executable_search_path();
  std::vector<std::string> problems;
  for (const std::string& program : programs) {
    if (!find_executable(program, search_path)) {
      problems.push_back("the script runs " + program + ", which is not installed (not in PATH)");
    } else if (is_netfilter_tool(program) && !kernel_has_netfilter_netlink()) {
      problems.push_back("the script runs " + program + ", but this kernel has no netfilter netlink (nfnetlink)");
    }
  }
  return problems;
}

std::optional<std::string> Preflight::check_tun_device() const {
  const std::string device = paths_.tun_device.string();
  struct stat status = {};
  if (::stat(device.c_str(), &status) != 0) {
    return "no " + device + ": the kernel has no TUN driver or the device node is missing (modprobe tun; " +
           "in a container, pass the device in, e.g. --device " + device + ")";
  }
  // Opening creates nothing until TUNSETIFF, so this probe is free of side effects.
  const UniqueFd fd(::open(device.c_str(), O_RDWR | O_CLOEXEC));
  if (!fd.valid()) {
    return "cannot open " + device + ": " + std::generic_category().message(errno) +
           " (run as root, or allow this user to open it)";
  }
  return std::nullopt;
}

std::optional<std::string> Preflight::check_network_namespace() const {
  if (has_effective_capability(CAP_SYS_ADMIN) && has_effective_capability(CAP_NET_ADMIN)) return std::nullopt;
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace&) { return std::string(); });
  if (outcome.ok) return std::nullopt;
  return outcome.text;
}

std::vector<std::string> Preflight::check_congestion_controls(const std::vector<std::string>& names) const {
  if (names.empty()) return {};
  const Sysctl sysctl(paths_.proc_sys);
  std::vector<std::string> allowed;
  std::vector<std::string> available;
  try {
    allowed = words(sysctl.read(kAllowed));
    available = words(sysctl.read(kAvailable));
  } catch (const NetdevError& error) {
    return {std::string("cannot check congestion controls: ") + error.what()};
  }

  std::vector<std::string> problems;
  for (const std::string& name : names) {
    if (contains(allowed, name)) continue;
    std::vector<std::string> fixed = allowed;
    fixed.push_back(name);
    const std::string allow = "sysctl -w " + std::string(kAllowed) + "=\"" + joined(fixed) + "\"";
    if (contains(available, name)) {
      problems.push_back("congestion control " + name + " is not allowed in child network namespaces (" + kAllowed +
                         " = \"" + joined(allowed) + "\"); in the initial namespace run: " + allow);
    } else {
      problems.push_back("congestion control " + name + " is not loaded (" + kAvailable + " = \"" +
                         joined(available) + "\"); run: modprobe tcp_" + name + " && " + allow);
    }
  }
  return problems;
}

std::vector<std::string> Preflight::check_socket_congestion_controls(const std::vector<std::string>& names) const {
  std::vector<std::string> problems;
  for (const std::string& name : names) {
    const UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!socket.valid()) return {"cannot check congestion controls: socket: " + std::generic_category().message(errno)};
    if (::setsockopt(socket.get(), IPPROTO_TCP, TCP_CONGESTION, name.data(), static_cast<socklen_t>(name.size())) == 0) {
      continue;
    }
    problems.push_back("congestion control " + name + " cannot be selected by setsockopt(TCP_CONGESTION): " +
                       std::generic_category().message(errno) +
                       (errno == ENOENT ? " (not built in and no module tcp_" + name + " to load)" : std::string()));
  }
  return problems;
}

std::vector<std::string> Preflight::check_qdisc_kinds(const std::vector<std::string>& kinds) const {
  if (kinds.empty()) return {};
  // The child reports the unknown kinds one a line; any other refusal (a kind that wants
  // options, say) means the kernel found the kind, which is all we ask.
  const ScratchOutcome outcome = run_in_scratch_namespace([&kinds](const NetworkNamespace&) {
    Netlink netlink;
    const int loopback = static_cast<int>(if_nametoindex("lo"));
    std::string unknown;
    for (const std::string& kind : kinds) {
      try {
        netlink.replace_root_qdisc(loopback, kind);
      } catch (const NetdevError& error) {
        if (error.code().value() == ENOENT) unknown += kind + "\n";
      }
    }
    return unknown;
  });
  if (!outcome.ok) return {"cannot check qdisc kinds: " + outcome.text};

  std::vector<std::string> problems;
  std::istringstream unknown(outcome.text);
  for (std::string kind; std::getline(unknown, kind);) {
    std::string option = kind;
    std::transform(option.begin(), option.end(), option.begin(), [](unsigned char c) { return std::toupper(c); });
    problems.push_back("qdisc " + kind + " is not available: the kernel has no such kind built in and cannot load " +
                       "module sch_" + kind + " (needs CONFIG_NET_SCH_" + option + ")");
  }
  return problems;
}

}  // namespace tcpdrill::netdev
