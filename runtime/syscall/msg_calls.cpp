#include <sys/socket.h>

#include <cstdio>

#include "runtime/syscall/call_factories.h"
#include "runtime/syscall/msghdr.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

class SendmsgCall : public SyscallCall {
 public:
  SendmsgCall(int live_fd, MessageSpec spec, const LiveSockaddr* name, int flags)
      : live_fd_(live_fd), spec_(std::move(spec)), message_(spec_, name), flags_(flags) {}
  int64_t perform() override { return ::sendmsg(live_fd_, message_.get(), flags_); }
  void keep_send_buffers(SyscallEnvironment& env) override { spec_.iovecs.keep(env); }
  bool lends_pages() const override { return (flags_ & MSG_ZEROCOPY) != 0; }

 private:
  int live_fd_;
  MessageSpec spec_;
  LiveMessage message_;
  int flags_;
};

class RecvmsgCall : public SyscallCall {
 public:
  RecvmsgCall(int live_fd, MessageSpec spec, const LiveSockaddr* name, int flags)
      : live_fd_(live_fd), spec_(std::move(spec)), message_(spec_, name), flags_(flags) {}
  int64_t perform() override { return ::recvmsg(live_fd_, message_.get(), flags_); }
  void verify(SyscallEnvironment& env, const SyscallOutcome&, int64_t) override {
    const int actual_flags = message_.header().msg_flags;
    if (actual_flags != spec_.flags) {
      char text[80];
      std::snprintf(text, sizeof text, "Expected msg_flags 0x%08X but got 0x%08X",
                    static_cast<unsigned>(spec_.flags), static_cast<unsigned>(actual_flags));
      throw SyscallError(text);
    }
    compare_cmsgs(spec_.control, message_.header(), env);
  }

 private:
  int live_fd_;
  MessageSpec spec_;
  LiveMessage message_;
  int flags_;
};

}  // namespace

std::unique_ptr<SyscallCall> make_sendmsg(const CallArguments& args, int64_t) {
  args.expect_count(3);
  const int live_fd = args.live_fd(0);
  MessageSpec spec = parse_message(args.at(1));
  const int flags = args.s32(2);
  if (spec.flags != 0) throw SyscallError("sendmsg ignores msg_flags field in msghdr");
  std::optional<LiveSockaddr> name;
  if (spec.has_name) {
    const ast::ExpressionList& list = expect_list(args.at(1));
    const ast::NamedField* field = find_field(list, "msg_name");
    if (!is_ellipsis(*field->value))
      throw SyscallError("Bad type; actual: " + expression_type_name(*field->value) +
                         " expected: ellipsis");
    name = args.env().connect_address();
    if (args.env().observer != nullptr) args.env().observer->on_connect(args.script_fd(0));
  }
  return std::make_unique<SendmsgCall>(live_fd, std::move(spec), name ? &*name : nullptr, flags);
}

std::unique_ptr<SyscallCall> make_recvmsg(const CallArguments& args, int64_t) {
  args.expect_count(3);
  const int live_fd = args.live_fd(0);
  MessageSpec spec = parse_message(args.at(1));
  const int flags = args.s32(2);
  const LiveSockaddr scratch{{}, sizeof(sockaddr_storage)};
  const LiveSockaddr* name = spec.has_name ? &scratch : nullptr;
  return std::make_unique<RecvmsgCall>(live_fd, std::move(spec), name, flags);
}

}  // namespace tcpdrill::runtime
