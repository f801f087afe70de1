#include "runtime/syscall/call_support.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/syscall/call_arguments.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {

ByteBuffer make_buffer(bool wanted, int64_t count) {
  if (!wanted) return nullptr;
  if (count < 0) throw SyscallError("negative buffer length " + std::to_string(count));
  // One spare byte so that a zero count still yields a valid, non-null pointer.
  return std::make_shared<std::vector<char>>(static_cast<std::size_t>(count) + 1, '\0');
}

void keep_buffer(SyscallEnvironment& env, const ByteBuffer& buffer) {
  if (buffer) env.kept_send_buffers.push_back(buffer);
}

void IovecArray::keep(SyscallEnvironment& env) const {
  for (const ByteBuffer& buffer : buffers) keep_buffer(env, buffer);
}

IovecArray make_iovecs(const ast::Expression& expression) {
  IovecArray array;
  for (const ast::Expression& element : expect_list(expression).elements) {
    const ast::ExpressionList& iov = expect_list(element);
    const ast::Expression* length = nullptr;
    if (const ast::NamedField* field = find_field(iov, "iov_len")) {
      length = &*field->value;
    } else if (iov.elements.size() == 2 && is_ellipsis(iov.elements[0])) {
      length = &iov.elements[1];
    } else {
      throw SyscallError("Bad type; actual: list expected: iovec {..., LEN}");
    }
    ByteBuffer buffer = make_buffer(true, evaluate_integer(*length));
    array.entries.push_back(iovec{buffer->data(), buffer->size() - 1});
    array.buffers.push_back(std::move(buffer));
  }
  return array;
}

PendingFd::~PendingFd() {
  if (fd_ >= 0) ::close(fd_);
}

void PendingFd::hand_to(FdTable& fds, FdEntry entry, bool shadowing) {
  entry.live_fd = fd_;
  if (shadowing) {
    fds.add_shadowing(entry);
  } else {
    fds.add(entry);
  }
  fd_ = -1;
}

int64_t FdCreatingCall::perform() {
  const int fd = create();
  created_.set(fd);
  return fd;
}

void FdCreatingCall::verify(SyscallEnvironment& env, const SyscallOutcome& outcome,
                            int64_t expected) {
  if (outcome.result < 0) return;
  FdEntry entry = describe(env);
  entry.script_fd = static_cast<int>(expected);
  const int live_fd = created_.get();
  created_.hand_to(env.fds, entry, shadows_open_fds());
  announce(env, entry.script_fd, live_fd);
}

FdKind socket_kind(int type, int protocol) {
  const int base_type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (base_type == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP)) {
    return FdKind::TcpSocket;
  }
  if (base_type == SOCK_DGRAM && (protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6)) {
    return FdKind::IcmpSocket;
  }
  if (base_type == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP)) {
    return FdKind::UdpSocket;
  }
  return FdKind::OtherSocket;
}

}  // namespace tcpdrill::runtime
