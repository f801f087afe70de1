#include <sys/socket.h>

#include "runtime/syscall/call_factories.h"
#include "runtime/syscall/call_support.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

class SocketCall : public FdCreatingCall {
 public:
  SocketCall(int domain, int type, int protocol)
      : domain_(domain), type_(type), protocol_(protocol) {}

 protected:
  int create() override { return ::socket(domain_, type_, protocol_); }
  FdEntry describe(const SyscallEnvironment&) const override {
    return FdEntry{-1,
                   -1,
                   socket_kind(type_, protocol_),
                   domain_,
                   type_ & ~(SOCK_NONBLOCK | SOCK_CLOEXEC),
                   protocol_};
  }
  void announce(SyscallEnvironment& env, int script_fd, int live_fd) override {
    if (env.observer != nullptr)
      env.observer->on_socket(script_fd, live_fd, domain_, type_, protocol_);
  }

 private:
  int domain_, type_, protocol_;
};

// bind(), connect(): one fd and a socket address the call builds.
class AddressCall : public SyscallCall {
 public:
  using Function = int (*)(int, const sockaddr*, socklen_t);
  AddressCall(Function function, int live_fd, LiveSockaddr address)
      : function_(function), live_fd_(live_fd), address_(address) {}
  int64_t perform() override { return function_(live_fd_, address_.get(), address_.length); }

 private:
  Function function_;
  int live_fd_;
  LiveSockaddr address_;
};

class ListenCall : public SyscallCall {
 public:
  ListenCall(int script_fd, int live_fd, int backlog)
      : script_fd_(script_fd), live_fd_(live_fd), backlog_(backlog) {}
  int64_t perform() override { return ::listen(live_fd_, backlog_); }
  void verify(SyscallEnvironment& env, const SyscallOutcome& outcome, int64_t) override {
    if (outcome.result != 0) return;
    const FdEntry* entry = env.fds.find(script_fd_);
    if (entry != nullptr && entry->kind == FdKind::TcpSocket) {
      env.fds.set_kind(script_fd_, FdKind::TcpListener);
    }
    if (env.observer != nullptr) env.observer->on_listen(script_fd_);
  }

 private:
  int script_fd_, live_fd_, backlog_;
};

class AcceptCall : public FdCreatingCall {
 public:
  AcceptCall(int script_fd, int live_fd) : script_fd_(script_fd), live_fd_(live_fd) {}

 protected:
  int create() override { return ::accept(live_fd_, peer_.get(), &peer_.length); }
  // The accepted socket is of the listener's family, type and protocol.
  FdEntry describe(const SyscallEnvironment& env) const override {
    FdEntry entry{-1, -1, FdKind::TcpSocket, 0, SOCK_STREAM, 0};
    if (const FdEntry* listener = env.fds.find(script_fd_)) {
      entry.domain = listener->domain;
      entry.type = listener->type;
      entry.protocol = listener->protocol;
    }
    return entry;
  }
  bool shadows_open_fds() const override { return true; }
  void announce(SyscallEnvironment& env, int script_fd, int live_fd) override {
    if (env.observer != nullptr) env.observer->on_accept(script_fd_, script_fd, live_fd);
  }

 private:
  int script_fd_, live_fd_;
  LiveSockaddr peer_{{}, sizeof(sockaddr_storage)};
};

class ShutdownCall : public SyscallCall {
 public:
  ShutdownCall(int live_fd, int how) : live_fd_(live_fd), how_(how) {}
  int64_t perform() override { return ::shutdown(live_fd_, how_); }

 private:
  int live_fd_, how_;
};

}  // namespace

// A connect()/sendto() address argument: `...` is the live remote address; an integer
// is a bare address family (AF_UNSPEC disconnects). Tells the observer before the call.
LiveSockaddr connect_target(const CallArguments& args, std::size_t index, int script_fd) {
  SyscallEnvironment& env = args.env();
  LiveSockaddr address;
  if (args.is_ellipsis(index)) {
    address = env.connect_address();
  } else {
    address.storage.ss_family = static_cast<sa_family_t>(args.s32(index));
    address.length = sizeof(sockaddr_storage);
  }
  if (env.observer != nullptr) {
    if (address.storage.ss_family == AF_UNSPEC) {
      env.observer->on_disconnect(script_fd);
    } else {
      env.observer->on_connect(script_fd);
    }
  }
  return address;
}

std::unique_ptr<SyscallCall> make_socket(const CallArguments& args, int64_t) {
  args.expect_count(3);
  const int domain = args.is_ellipsis(0) ? args.env().socket_domain() : args.s32(0);
  return std::make_unique<SocketCall>(domain, args.s32(1), args.s32(2));
}

std::unique_ptr<SyscallCall> make_bind(const CallArguments& args, int64_t) {
  args.expect_count(3);
  const int live_fd = args.live_fd(0);
  args.expect_ellipsis(1);
  args.expect_ellipsis(2);
  return std::make_unique<AddressCall>(::bind, live_fd, args.env().bind_address());
}

std::unique_ptr<SyscallCall> make_listen(const CallArguments& args, int64_t) {
  args.expect_count(2);
  return std::make_unique<ListenCall>(args.script_fd(0), args.live_fd(0), args.s32(1));
}

std::unique_ptr<SyscallCall> make_accept(const CallArguments& args, int64_t) {
  args.expect_count(3);
  const int live_fd = args.live_fd(0);
  args.expect_ellipsis(1);
  args.expect_ellipsis(2);
  return std::make_unique<AcceptCall>(args.script_fd(0), live_fd);
}

std::unique_ptr<SyscallCall> make_connect(const CallArguments& args, int64_t) {
  args.expect_count(3);
  const int live_fd = args.live_fd(0);
  args.expect_ellipsis(2);
  LiveSockaddr address = connect_target(args, 1, args.script_fd(0));
  return std::make_unique<AddressCall>(::connect, live_fd, address);
}

std::unique_ptr<SyscallCall> make_shutdown(const CallArguments& args, int64_t) {
  args.expect_count(2);
  return std::make_unique<ShutdownCall>(args.live_fd(0), args.s32(1));
}

}  // namespace tcpdrill::runtime
