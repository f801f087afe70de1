#pragma once

#include <sys/types.h>

#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {

// How the private namespace was obtained.
enum class NamespaceKind {
  Privileged,     // unshare(CLONE_NEWNET) with CAP_SYS_ADMIN (root)
  UserNamespace,  // unshare(CLONE_NEWUSER | CLONE_NEWNET), mapped to root inside
};

// Puts the calling process into a fresh, empty network namespace with `lo` up, so a run
// has its own tun0, addresses, routes and sysctls and never touches the host's.
//
// Nothing is named or mounted: the namespace lives exactly as long as something refers
// to it (this process, its children, open sockets and TUN fds), so a crashed run leaves
// nothing behind, unlike `ip netns add`.
//
// Call enter() while the process has one thread, before the runtime starts any: a new
// network namespace applies to the calling thread and to threads created after it, and
// the kernel refuses CLONE_NEWUSER in a multithreaded process. enter() checks this.
class NetworkNamespace {
 public:
  // Throws NetdevError saying why no namespace could be made (not root and no usable
  // unprivileged user namespaces, more than one thread, ...).
  static NetworkNamespace enter();

  NetworkNamespace(NetworkNamespace&&) noexcept = default;
  // Assigning would have to leave one namespace for another in the middle; not needed.
  NetworkNamespace& operator=(NetworkNamespace&&) = delete;
  // When privileged, returns the thread to the namespace it came from, so the private
  // one dies as soon as its sockets and TUN fds are closed (benchmarks and tests enter
  // many in one process). A user namespace cannot be left, so then it does nothing.
  ~NetworkNamespace();

  NamespaceKind kind() const { return kind_; }
  // The namespace's identity, as in /proc/PID/ns/net -> net:[INODE].
  ino_t inode() const { return inode_; }

 private:
  NetworkNamespace(NamespaceKind kind, UniqueFd previous, ino_t inode)
      : kind_(kind), previous_(std::move(previous)), inode_(inode) {}

  NamespaceKind kind_;
  UniqueFd previous_;  // the namespace we came from; only kept when privileged
  ino_t inode_;
};

// The inode of the calling thread's current network namespace.
ino_t current_network_namespace_inode();

}  // namespace tcpdrill::netdev
