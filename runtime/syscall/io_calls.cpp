#include <fcntl.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "runtime/syscall/call_factories.h"
#include "runtime/syscall/call_support.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

enum class BufferOp : uint8_t { Read, Recv, RecvFrom, Write, Send, SendTo };

// read/recv/recvfrom/write/send/sendto: one fd, one buffer of `count` bytes.
class BufferCall : public SyscallCall {
 public:
  BufferCall(BufferOp op, int live_fd, ByteBuffer buffer, std::size_t count, int flags)
      : op_(op), live_fd_(live_fd), buffer_(std::move(buffer)), count_(count), flags_(flags) {}
  void set_address(const LiveSockaddr& address) { address_ = address; }
  void set_icmp_type(uint8_t type) {
    if (buffer_ && count_ >= 8) (*buffer_)[0] = static_cast<char>(type);
  }
  int64_t perform() override {
    char* data = data_of(buffer_);
    switch (op_) {
      case BufferOp::Read:
        return ::read(live_fd_, data, count_);
      case BufferOp::Recv:
        return ::recv(live_fd_, data, count_, flags_);
      case BufferOp::RecvFrom:
        address_.length = sizeof(sockaddr_storage);
        return ::recvfrom(live_fd_, data, count_, flags_, address_.get(), &address_.length);
      case BufferOp::Write:
        return ::write(live_fd_, data, count_);
      case BufferOp::Send:
        return ::send(live_fd_, data, count_, flags_);
      case BufferOp::SendTo:
        return ::sendto(live_fd_, data, count_, flags_, address_.get(), address_.length);
    }
    return -1;
  }
  void keep_send_buffers(SyscallEnvironment& env) override {
    if (sends()) keep_buffer(env, buffer_);
  }
  bool lends_pages() const override { return sends() && (flags_ & MSG_ZEROCOPY) != 0; }

 private:
  BufferOp op_;
  int live_fd_;
  ByteBuffer buffer_;
  std::size_t count_;
  int flags_;
  LiveSockaddr address_;

  bool sends() const { return op_ == BufferOp::Send || op_ == BufferOp::SendTo; }
};

class VectorCall : public SyscallCall {
 public:
  VectorCall(bool write, int live_fd, IovecArray iovecs, int count)
      : write_(write), live_fd_(live_fd), iovecs_(std::move(iovecs)), count_(count) {}
  int64_t perform() override {
    return write_ ? ::writev(live_fd_, iovecs_.entries.data(), count_)
                  : ::readv(live_fd_, iovecs_.entries.data(), count_);
  }

 private:
  bool write_;
  int live_fd_;
  IovecArray iovecs_;
  int count_;
};

class SendfileCall : public SyscallCall {
 public:
  SendfileCall(int out_fd, int in_fd, off_t offset, std::size_t count)
      : out_fd_(out_fd), in_fd_(in_fd), offset_(offset), count_(count) {}
  int64_t perform() override { return ::sendfile(out_fd_, in_fd_, &offset_, count_); }

 private:
  int out_fd_, in_fd_;
  off_t offset_;
  std::size_t count_;
};

class SpliceCall : public SyscallCall {
 public:
  SpliceCall(int in_fd, std::optional<loff_t> in_offset, int out_fd,
             std::optional<loff_t> out_offset, std::size_t length, unsigned flags)
      : in_fd_(in_fd),
        out_fd_(out_fd),
        in_offset_(in_offset),
        out_offset_(out_offset),
        length_(length),
        flags_(flags) {}
  int64_t perform() override {
    return ::splice(in_fd_, in_offset_ ? &*in_offset_ : nullptr, out_fd_,
                    out_offset_ ? &*out_offset_ : nullptr, length_, flags_);
  }

 private:
  int in_fd_, out_fd_;
  std::optional<loff_t> in_offset_, out_offset_;
  std::size_t length_;
  unsigned flags_;
};

std::size_t byte_count(const CallArguments& args, std::size_t index) {
  const int32_t count = args.s32(index);
  if (count < 0) throw SyscallError("negative byte count " + std::to_string(count));
  return static_cast<std::size_t>(count);
}

std::unique_ptr<BufferCall> buffer_call(const CallArguments& args, BufferOp op, bool has_flags) {
  const int live_fd = args.live_fd(0);
  const std::size_t count = byte_count(args, 2);
  ByteBuffer buffer = make_buffer(args.buffer_wanted(1), static_cast<int64_t>(count));
  return std::make_unique<BufferCall>(op, live_fd, std::move(buffer), count,
                                      has_flags ? args.s32(3) : 0);
}

std::unique_ptr<SyscallCall> vector_call(const CallArguments& args, bool write) {
  args.expect_count(3);
  const int live_fd = args.live_fd(0);
  IovecArray iovecs = make_iovecs(args.at(1));
  const int count = args.s32(2);
  if (count != static_cast<int>(iovecs.entries.size())) {
    throw SyscallError("iov_count " + std::to_string(count) + " does not match " +
                       std::to_string(iovecs.entries.size()) + "-element iovec array");
  }
  return std::make_unique<VectorCall>(write, live_fd, std::move(iovecs), count);
}

std::optional<loff_t> splice_offset(const CallArguments& args, std::size_t index) {
  const int64_t offset = args.s64(index);
  if (offset == 0) return std::nullopt;  // NULL: use and move the file position
  return offset;
}

}  // namespace

std::unique_ptr<SyscallCall> make_read(const CallArguments& args, int64_t) {
  args.expect_count(3);
  return buffer_call(args, BufferOp::Read, false);
}

std::unique_ptr<SyscallCall> make_recv(const CallArguments& args, int64_t) {
  args.expect_count(4);
  return buffer_call(args, BufferOp::Recv, true);
}

std::unique_ptr<SyscallCall> make_recvfrom(const CallArguments& args, int64_t) {
  args.expect_count(6);
  args.expect_ellipsis(4);
  args.expect_ellipsis(5);
  return buffer_call(args, BufferOp::RecvFrom, true);
}

std::unique_ptr<SyscallCall> make_write(const CallArguments& args, int64_t) {
  args.expect_count(3);
  return buffer_call(args, BufferOp::Write, false);
}

std::unique_ptr<SyscallCall> make_send(const CallArguments& args, int64_t) {
  args.expect_count(4);
  return buffer_call(args, BufferOp::Send, true);
}

std::unique_ptr<SyscallCall> make_sendto(const CallArguments& args, int64_t) {
  args.expect_count(6);
  std::unique_ptr<BufferCall> call = buffer_call(args, BufferOp::SendTo, true);
  args.expect_ellipsis(5);
  const FdEntry* entry = args.env().fds.find(args.script_fd(0));
  if (entry != nullptr && entry->kind == FdKind::IcmpSocket) {
    // Ping sockets only accept echo requests: make the zero-filled payload one.
    args.expect_ellipsis(4);
    call->set_icmp_type(entry->domain == AF_INET6 ? ICMPV6_ECHO_REQUEST : ICMP_ECHO);
    call->set_address(args.env().connect_address());
    return call;
  }
  call->set_address(connect_target(args, 4, args.script_fd(0)));
  return call;
}

std::unique_ptr<SyscallCall> make_readv(const CallArguments& args, int64_t) {
  return vector_call(args, false);
}

std::unique_ptr<SyscallCall> make_writev(const CallArguments& args, int64_t) {
  return vector_call(args, true);
}

std::unique_ptr<SyscallCall> make_sendfile(const CallArguments& args, int64_t) {
  args.expect_count(4);
  const int out_fd = args.live_fd(0);
  const int in_fd = args.live_fd(1);
  const off_t offset = evaluate_bracketed_integer(args.at(2));
  return std::make_unique<SendfileCall>(out_fd, in_fd, offset, byte_count(args, 3));
}

std::unique_ptr<SyscallCall> make_splice(const CallArguments& args, int64_t) {
  args.expect_count(6);
  return std::make_unique<SpliceCall>(args.live_fd(0), splice_offset(args, 1), args.live_fd(2),
                                      splice_offset(args, 3), byte_count(args, 4),
                                      static_cast<unsigned>(args.s32(5)));
}

}  // namespace tcpdrill::runtime
