#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>

#include "runtime/run_config.h"
#include "runtime/syscall/fd_table.h"

namespace tcpdrill::runtime {

// What the engine learns from syscalls to track the socket under test. Called on the
// thread that calls PreparedSyscall::check() or prepare(), never from invoke(). Script
// fds throughout. An observer may throw (e.g. "unable to find socket matching accept()
// call"); the exception propagates out of check().
class SyscallObserver {
 public:
  virtual ~SyscallObserver() = default;
  // After a successful socket().
  virtual void on_socket(int script_fd, int live_fd, int domain, int type, int protocol) = 0;
  // After a successful listen().
  virtual void on_listen(int script_fd) = 0;
  // Before connect() or an addressed sendto()/sendmsg() (TCP fast open) is invoked, so
  // that the SYN it sends while a blocking call is pending can be matched. Also called
  // for sockets that are already connected (every sendto on UDP): only a "new" socket
  // starts connecting, like packetdrill.
  virtual void on_connect(int script_fd) = 0;
  // Before connect(fd, AF_UNSPEC, ...) is invoked: the socket goes back to "new".
  virtual void on_disconnect(int script_fd) = 0;
  // After a successful accept(); the new fd is already in the FdTable.
  virtual void on_accept(int listener_script_fd, int new_script_fd, int new_live_fd) = 0;
  // After a successful close(); the fd is already marked closed.
  virtual void on_close(int script_fd) = 0;
};

// A socket address built from the live addresses for the run's IP version.
struct LiveSockaddr {
  sockaddr_storage storage{};
  socklen_t length = 0;
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
  sockaddr* get() { return reinterpret_cast<sockaddr*>(&storage); }
};

// Everything a syscall needs from outside the script line. One per run; the engine owns
// it and it outlives every PreparedSyscall made from it.
class SyscallEnvironment {
 public:
  IpVersion ip_version = IpVersion::Ipv4;
  // Live addresses without prefix: IPv4 text for Ipv4 and Ipv4MappedIpv6 (mapped to
  // ::ffff:a.b.c.d here), IPv6 text for Ipv6.
  std::string local_ip = "192.168.0.1";
  std::string remote_ip = "192.0.2.1";
  uint16_t bind_port = 8080;
  uint16_t connect_port = 8080;
  bool send_omit_free = false;
  int64_t tolerance_usecs = 4000;
  SyscallObserver* observer = nullptr;  // optional
  // Script time (usecs) to CLOCK_REALTIME usecs, for SCM_TIMESTAMPING checks and
  // scm_timestamping send cmsgs. Unset: script times are taken as wall times.
  std::function<int64_t(int64_t script_usecs)> script_to_wall_usecs;

  // Declared before `fds` so that kept buffers outlive the sockets that may still
  // reference their pages (MSG_ZEROCOPY).
  std::list<std::shared_ptr<const void>> kept_send_buffers;
  FdTable fds;

  int socket_domain() const;             // AF_INET for Ipv4, AF_INET6 otherwise
  LiveSockaddr bind_address() const;     // local_ip:bind_port
  LiveSockaddr connect_address() const;  // remote_ip:connect_port
  // The in6_addr/in_addr bytes of remote_ip in the socket's family (TCP_MD5SIG).
  LiveSockaddr remote_address(uint16_t port) const;
  int64_t to_wall_usecs(int64_t script_usecs) const;
  // Copies IP version, ports, --send_omit_free and the tolerance; the live addresses
  // come from the network setup, not from here.
  void apply(const RunConfig& config);
};

}  // namespace tcpdrill::runtime
