#include "runtime/socket_tracker.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <system_error>

#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

using packet::SocketState;
using packet::TransportProtocol;

TransportProtocol protocol_of(int type, int protocol) {
  if (type == SOCK_STREAM) return TransportProtocol::Tcp;
  if (protocol == IPPROTO_ICMP) return TransportProtocol::Icmpv4;
  if (protocol == IPPROTO_ICMPV6) return TransportProtocol::Icmpv6;
  return TransportProtocol::Udp;
}

}  // namespace

packet::ConnectionState* SocketTracker::connection_under_test() {
  return under_test_ == nullptr ? nullptr : &under_test_->connection;
}

std::optional<int> SocketTracker::live_fd_under_test() const {
  if (under_test_ == nullptr || under_test_->closed || under_test_->live_fd < 0)
    return std::nullopt;
  return under_test_->live_fd;
}

packet::ConnectionState& SocketTracker::add_passive_child(const ast::Packet& script_syn) {
  TrackedSocket& child = sockets_.emplace_back();
  child.connection = packet::ConnectionState::passive_child(
      script_syn, endpoints_.local_ip, endpoints_.bind_port, endpoints_.remote_ip,
      reserve_remote_port());
  under_test_ = &child;
  return child.connection;
}

std::vector<const packet::ConnectionState*> SocketTracker::tcp_connections() const {
  std::vector<const packet::ConnectionState*> connections;
  for (const TrackedSocket& socket : sockets_)
    if (socket.connection.protocol == TransportProtocol::Tcp)
      connections.push_back(&socket.connection);
  return connections;
}

std::vector<OpenSocket> SocketTracker::open_tcp_sockets() const {
  std::vector<OpenSocket> open;
  for (const TrackedSocket& socket : sockets_) {
    if (socket.connection.protocol == TransportProtocol::Tcp && socket.script_fd && !socket.closed &&
        socket.live_fd >= 0 && socket.connection.state != SocketState::PassiveListening)
      open.push_back({*socket.script_fd, socket.live_fd});
  }
  return open;
}

std::optional<int> SocketTracker::script_fd_under_test() const {
  if (under_test_ == nullptr) return std::nullopt;
  return under_test_->script_fd;
}

void SocketTracker::on_socket(int script_fd, int live_fd, int /*domain*/, int type, int protocol) {
  TrackedSocket& socket = sockets_.emplace_back();
  socket.script_fd = script_fd;
  socket.live_fd = live_fd;
  socket.connection.protocol = protocol_of(type, protocol);
  under_test_ = &socket;
}

void SocketTracker::on_listen(int script_fd) {
  if (TrackedSocket* socket = find(script_fd))
    socket->connection.state = SocketState::PassiveListening;
}

void SocketTracker::on_connect(int script_fd) {
  TrackedSocket* socket = find(script_fd);
  if (socket == nullptr || socket->connection.state != SocketState::New) return;
  socket->connection = packet::ConnectionState::connecting(
      socket->connection.protocol, endpoints_.remote_ip, endpoints_.connect_port);
}

// Only the state goes back to new, as in packetdrill: the addresses and sequence
// mapping must survive, because the kernel answers the disconnect with a RST on the old
// connection that the script still expects.
void SocketTracker::on_disconnect(int script_fd) {
  if (TrackedSocket* socket = find(script_fd)) socket->connection.state = SocketState::New;
}

void SocketTracker::on_accept(int /*listener_script_fd*/, int new_script_fd, int new_live_fd) {
  // The newest child whose SYN-ACK went out (TFO) or was acknowledged, as in
  // packetdrill: with a single socket under test that is the connection the script just
  // drove through its handshake.
  for (auto it = sockets_.rbegin(); it != sockets_.rend(); ++it) {
    const SocketState state = it->connection.state;
    if (state == SocketState::PassiveSynAckSent || state == SocketState::PassiveSynAckAcked) {
      it->script_fd = new_script_fd;
      it->live_fd = new_live_fd;
      return;
    }
  }
  throw SyscallError("unable to find socket matching accept() call");
}

void SocketTracker::on_close(int script_fd) {
  if (TrackedSocket* socket = find(script_fd)) socket->closed = true;
}

TrackedSocket* SocketTracker::find(int script_fd) {
  for (auto it = sockets_.rbegin(); it != sockets_.rend(); ++it)
    if (it->script_fd == script_fd && !it->closed) return &*it;
  return nullptr;
}

uint16_t SocketTracker::reserve_remote_port() {
  const bool v6 = endpoints_.local_ip.family == codec::IpFamily::V6;
  netdev::UniqueFd fd(socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_storage address{};
  address.ss_family = v6 ? AF_INET6 : AF_INET;
  socklen_t length = v6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
  if (!fd.valid() || bind(fd.get(), reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::system_error(errno, std::generic_category(), "cannot reserve a remote port");
  }
  const uint16_t port = v6 ? ntohs(reinterpret_cast<sockaddr_in6&>(address).sin6_port)
                           : ntohs(reinterpret_cast<sockaddr_in&>(address).sin_port);
  reserved_ports_.push_back(std::move(fd));
  return port;
}

}  // namespace tcpdrill::runtime
