#include <fcntl.h>
#include <linux/capability.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>

#include "runtime/syscall/call_factories.h"
#include "runtime/syscall/call_support.h"
#include "runtime/syscall/symbol_table.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

class CloseCall : public SyscallCall {
 public:
  CloseCall(int script_fd, int live_fd) : script_fd_(script_fd), live_fd_(live_fd) {}
  int64_t perform() override { return ::close(live_fd_); }
  void record(SyscallEnvironment& env, const SyscallOutcome& outcome) override {
    // Linux releases the fd even when close() reports an error (EINTR, EIO).
    if (outcome.result == 0 || outcome.error != EBADF) env.fds.mark_closed(script_fd_);
  }
  void verify(SyscallEnvironment& env, const SyscallOutcome& outcome, int64_t) override {
    if (outcome.result == 0 && env.observer != nullptr) env.observer->on_close(script_fd_);
  }

 private:
  int script_fd_, live_fd_;
};

class FcntlCall : public SyscallCall {
 public:
  FcntlCall(int live_fd, int command, std::optional<int> argument)
      : live_fd_(live_fd), command_(command), argument_(argument) {}
  int64_t perform() override {
    return argument_ ? ::fcntl(live_fd_, command_, *argument_) : ::fcntl(live_fd_, command_);
  }

 private:
  int live_fd_, command_;
  std::optional<int> argument_;
};

class IoctlCall : public SyscallCall {
 public:
  IoctlCall(int live_fd, unsigned long request, std::optional<int> expected_value)
      : live_fd_(live_fd), request_(request), expected_value_(expected_value) {}
  int64_t perform() override {
    return expected_value_ ? ::ioctl(live_fd_, request_, &value_) : ::ioctl(live_fd_, request_);
  }
  void verify(SyscallEnvironment&, const SyscallOutcome&, int64_t) override {
    if (expected_value_ && value_ != *expected_value_) {
      throw SyscallError("Bad ioctl optval: expected: " + std::to_string(*expected_value_) +
                         " actual: " + std::to_string(value_));
    }
  }

 private:
  int live_fd_;
  unsigned long request_;
  std::optional<int> expected_value_;
  int value_ = 0;
};

class OpenCall : public FdCreatingCall {
 public:
  OpenCall(std::string path, int flags) : path_(std::move(path)), flags_(flags) {}

 protected:
  int create() override { return ::open(path_.c_str(), flags_, 0600); }
  FdEntry describe(const SyscallEnvironment&) const override {
    return FdEntry{-1, -1, FdKind::File};
  }

 private:
  std::string path_;
  int flags_;
};

class PipeCall : public SyscallCall {
 public:
  explicit PipeCall(std::array<int, 2> script_fds) : script_fds_(script_fds) {}
  int64_t perform() override {
    std::array<int, 2> live{-1, -1};
    const int result = ::pipe(live.data());
    if (result == 0) {
      ends_[0].set(live[0]);
      ends_[1].set(live[1]);
    }
    return result;
  }
  void verify(SyscallEnvironment& env, const SyscallOutcome& outcome, int64_t) override {
    if (outcome.result != 0) return;
    for (std::size_t i = 0; i < 2; ++i) {
      ends_[i].hand_to(env.fds, FdEntry{script_fds_[i], -1, FdKind::Pipe});
    }
  }

 private:
  std::array<int, 2> script_fds_;
  std::array<PendingFd, 2> ends_;
};

// cap_set(CAP_EFFECTIVE|CAP_PERMITTED|CAP_INHERITABLE, CAP_x, CAP_SET|CAP_CLEAR) without
// libcap: read the sets with capget() now, write them back with capset() in perform().
class CapSetCall : public SyscallCall {
 public:
  CapSetCall(int set, int capability, int operation) {
    if (set < 0 || set > 2) throw SyscallError("bad capability set " + std::to_string(set));
    if (capability < 0 || capability >= 64) {
      throw SyscallError("bad capability " + std::to_string(capability));
    }
    header_.version = _LINUX_CAPABILITY_VERSION_3;
    if (::syscall(SYS_capget, &header_, data_.data()) != 0) {
      throw SyscallError("capget failed: " + errno_text(errno));
    }
    __u32 __user_cap_data_struct::*member = set == 0   ? &__user_cap_data_struct::effective
                                            : set == 1 ? &__user_cap_data_struct::permitted
                                                       : &__user_cap_data_struct::inheritable;
    __u32& word = data_[capability / 32].*member;
    const __u32 bit = 1u << (capability % 32);
    word = operation != 0 ? (word | bit) : (word & ~bit);
  }
  ResultCheck result_check() const override { return ResultCheck::Fd; }
  int64_t perform() override { return ::syscall(SYS_capset, &header_, data_.data()); }

 private:
  __user_cap_header_struct header_{};
  std::array<__user_cap_data_struct, 2> data_{};
};

std::optional<int> optional_s32(const CallArguments& args, std::size_t index) {
  if (args.count() <= index) return std::nullopt;
  return args.s32(index);
}

void expect_two_or_three(const CallArguments& args, const char* name) {
  if (args.count() != 2 && args.count() != 3) {
    throw SyscallError(std::string(name) + " expected 2-3 args but got " +
                       std::to_string(args.count()));
  }
}

}  // namespace

std::unique_ptr<SyscallCall> make_close(const CallArguments& args, int64_t) {
  args.expect_count(1);
  return std::make_unique<CloseCall>(args.script_fd(0), args.live_fd(0));
}

std::unique_ptr<SyscallCall> make_fcntl(const CallArguments& args, int64_t) {
  expect_two_or_three(args, "fcntl");
  return std::make_unique<FcntlCall>(args.live_fd(0), args.s32(1), optional_s32(args, 2));
}

std::unique_ptr<SyscallCall> make_ioctl(const CallArguments& args, int64_t) {
  expect_two_or_three(args, "ioctl");
  std::optional<int> value;
  if (args.count() == 3) value = static_cast<int>(evaluate_bracketed_integer(args.at(2)));
  return std::make_unique<IoctlCall>(args.live_fd(0), static_cast<uint32_t>(args.s32(1)), value);
}

std::unique_ptr<SyscallCall> make_open(const CallArguments& args, int64_t) {
  args.expect_count(2);
  return std::make_unique<OpenCall>(expect_string(args.at(0)), args.s32(1));
}

std::unique_ptr<SyscallCall> make_pipe(const CallArguments& args, int64_t) {
  args.expect_count(1);
  const ast::ExpressionList& fds = expect_list(args.at(0));
  if (fds.elements.size() != 2) {
    throw SyscallError(std::to_string(fds.elements.size()) + " pipe file descriptors instead of 2");
  }
  return std::make_unique<PipeCall>(
      std::array<int, 2>{evaluate_s32(fds.elements[0]), evaluate_s32(fds.elements[1])});
}

std::unique_ptr<SyscallCall> make_cap_set(const CallArguments& args, int64_t) {
  args.expect_count(3);
  return std::make_unique<CapSetCall>(args.s32(0), args.s32(1), args.s32(2));
}

}  // namespace tcpdrill::runtime
