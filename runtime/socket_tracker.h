#pragma once

#include <deque>
#include <optional>
#include <vector>

#include "codec/packet_codec.h"
#include "netdev/unique_fd.h"
#include "parser/ast_packet.h"
#include "runtime/packet/connection_state.h"
#include "runtime/syscall/syscall_environment.h"

namespace tcpdrill::runtime {

// A socket the script created, or the child a listener got from an inbound SYN.
struct TrackedSocket {
  std::optional<int> script_fd;  // none for a child that was not accepted yet
  int live_fd = -1;
  bool closed = false;
  packet::ConnectionState connection;
};

// An open TCP socket of the script: its fd in the script and the one tcpdrill holds.
struct OpenSocket {
  int script_fd = -1;
  int live_fd = -1;
};

// The live addresses packets of the run use.
struct LiveEndpoints {
  codec::IpAddress local_ip, remote_ip;
  uint16_t bind_port = 8080, connect_port = 8080;
};

// packetdrill's socket model (§4.1): one "socket under test" at a time, the newest
// socket() or the child an inbound SYN made on a listener. Learns from the syscalls
// through the SyscallObserver interface and from the packet path through
// add_passive_child(). Main thread only.
class SocketTracker final : public SyscallObserver {
 public:
  explicit SocketTracker(LiveEndpoints endpoints) : endpoints_(std::move(endpoints)) {}

  const LiveEndpoints& endpoints() const { return endpoints_; }
  TrackedSocket* under_test() { return under_test_; }
  // The connection state the packet path works on; nullptr when no socket exists.
  packet::ConnectionState* connection_under_test();
  // The live fd of the socket under test for TCP_INFO, or nullopt when it has none open.
  std::optional<int> live_fd_under_test() const;

  // The first inbound TCP packet towards a listener: a child with a fresh remote port,
  // which becomes the socket under test.
  packet::ConnectionState& add_passive_child(const ast::Packet& script_syn);

  // Every TCP connection, for the end-of-test RSTs.
  std::vector<const packet::ConnectionState*> tcp_connections() const;
  // Every TCP socket the script holds an open fd of, listeners aside (their TCP_INFO
  // says nothing about a connection), for state sampling.
  std::vector<OpenSocket> open_tcp_sockets() const;
  // The script fd of the socket under test, when it has one.
  std::optional<int> script_fd_under_test() const;

  void on_socket(int script_fd, int live_fd, int domain, int type, int protocol) override;
  void on_listen(int script_fd) override;
  void on_connect(int script_fd) override;
  void on_disconnect(int script_fd) override;
  void on_accept(int listener_script_fd, int new_script_fd, int new_live_fd) override;
  void on_close(int script_fd) override;

 private:
  TrackedSocket* find(int script_fd);
  uint16_t reserve_remote_port();

  LiveEndpoints endpoints_;
  std::deque<TrackedSocket> sockets_;  // a deque keeps pointers stable as it grows
  TrackedSocket* under_test_ = nullptr;
  // Sockets bound to the ports handed out as remote ports of passive children, kept
  // open so that no two connections of a run share a 4-tuple.
  std::vector<netdev::UniqueFd> reserved_ports_;
};

}  // namespace tcpdrill::runtime
