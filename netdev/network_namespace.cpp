#include "netdev/network_namespace.h"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "netdev/netdev_error.h"
#include "netdev/netlink.h"
#include "netdev/proc_file.h"
#include "netdev/sysctl.h"

namespace tcpdrill::netdev {
namespace {

constexpr const char* kAttempt = "cannot create a private network namespace";

size_t thread_count() {
  size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++count;
  return count;
}

// The host setting that most likely made unprivileged CLONE_NEWUSER fail, for the message.
std::string user_namespace_blocker() {
  const Sysctl sysctl;
  const struct {
    const char* name;
    const char* blocking_value;
  } switches[] = {
      {"kernel.unprivileged_userns_clone", "0"},
      {"user.max_user_namespaces", "0"},
      {"kernel.apparmor_restrict_unprivileged_userns", "1"},
  };
  for (const auto& setting : switches) {
    if (sysctl.exists(setting.name) && sysctl.read(setting.name) == setting.blocking_value) {
      return std::string(", because ") + setting.name + " = " + setting.blocking_value;
    }
  }
  return "";
}

// Makes us root inside the new user namespace, so we hold CAP_NET_ADMIN over the network
// namespace created with it. setgroups must be denied before an unprivileged gid_map.
void map_to_root(uid_t uid, gid_t gid) {
  const std::string attempted = std::string(kAttempt) + ": cannot map ids into the user namespace";
  write_proc_file("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1", attempted);
  if (std::filesystem::exists("/proc/self/setgroups")) write_proc_file("/proc/self/setgroups", "deny", attempted);
  write_proc_file("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1", attempted);
}

void bring_loopback_up() {
  const unsigned loopback = if_nametoindex("lo");
  if (loopback == 0) throw_errno(std::string(kAttempt) + ": no lo in the new namespace");
  Netlink().set_link_up(static_cast<int>(loopback), true);
}

}  // namespace

ino_t current_network_namespace_inode() {
  struct stat status = {};
  if (::stat("/proc/thread-self/ns/net", &status) != 0) throw_errno("cannot identify the network namespace");
  return status.st_ino;
}

NetworkNamespace NetworkNamespace::enter() {
  if (const size_t threads = thread_count(); threads > 1) {
    throw NetdevError(EBUSY, std::string(kAttempt) + ": the process already runs " + std::to_string(threads) +
                                 " threads; enter the namespace before starting any");
  }

  UniqueFd previous(::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
  if (!previous.valid()) throw_errno(std::string(kAttempt) + ": cannot open the current one");

  NamespaceKind kind = NamespaceKind::Privileged;
  if (::unshare(CLONE_NEWNET) != 0) {
    const int privileged_errno = errno;
    if (privileged_errno != EPERM) throw NetdevError(privileged_errno, std::string(kAttempt) + ": unshare(CLONE_NEWNET)");
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
      throw NetdevError(errno, std::string(kAttempt) + ": not root (unshare(CLONE_NEWNET) is not permitted)" +
                                   " and unprivileged user namespaces are not usable" + user_namespace_blocker() +
                                   ": unshare(CLONE_NEWUSER|CLONE_NEWNET)");
    }
    map_to_root(uid, gid);
    kind = NamespaceKind::UserNamespace;
    previous.reset();
  }

  NetworkNamespace entered(kind, std::move(previous), current_network_namespace_inode());
  bring_loopback_up();
  return entered;
}

NetworkNamespace::~NetworkNamespace() {
  // Nothing useful can be done if the way back fails, and destructors must not throw;
  // the thread then simply stays in the private namespace.
  if (previous_.valid()) ::setns(previous_.get(), CLONE_NEWNET);
}

}  // namespace tcpdrill::netdev
