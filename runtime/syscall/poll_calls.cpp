#include <poll.h>
#include <sys/epoll.h>

#include <algorithm>

#include "runtime/syscall/call_factories.h"
#include "runtime/syscall/call_support.h"
#include "runtime/syscall/symbol_table.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

class PollCall : public SyscallCall {
 public:
  PollCall(std::vector<pollfd> fds, std::vector<short> expected_revents, int timeout)
      : fds_(std::move(fds)), expected_revents_(std::move(expected_revents)), timeout_(timeout) {}
  int64_t perform() override { return ::poll(fds_.data(), fds_.size(), timeout_); }
  void verify(SyscallEnvironment&, const SyscallOutcome&, int64_t) override {
    for (std::size_t i = 0; i < fds_.size(); ++i) {
      if (fds_[i].revents != expected_revents_[i]) {
        throw SyscallError("Expected revents of " + poll_events_text(expected_revents_[i]) +
                           " but got " + poll_events_text(fds_[i].revents) + " for pollfd " +
                           std::to_string(i));
      }
    }
  }

 private:
  std::vector<pollfd> fds_;
  std::vector<short> expected_revents_;
  int timeout_;
};

class EpollCreateCall : public FdCreatingCall {
 public:
  explicit EpollCreateCall(int size) : size_(size) {}

 protected:
  int create() override { return ::epoll_create(size_); }
  FdEntry describe(const SyscallEnvironment&) const override {
    return FdEntry{-1, -1, FdKind::Epoll};
  }

 private:
  int size_;
};

// {events=MASK, fd=N | ptr=P | u32=U | u64=V}; fd= holds a script fd, stored live.
enum class EpollData : uint8_t { Fd, Ptr, U32, U64 };

struct EpollEventSpec {
  epoll_event event{};
  EpollData data = EpollData::U64;
  int script_fd = -1;
};

EpollEventSpec parse_epoll_event(const ast::Expression& expression, const FdTable& fds) {
  const ast::ExpressionList& list = expect_list(expression);
  const ast::NamedField* events = find_field(list, "events");
  if (events == nullptr) throw SyscallError("epoll_event specified incorrectly");
  EpollEventSpec spec;
  spec.event.events = static_cast<uint32_t>(evaluate_integer(*events->value));
  if (const ast::NamedField* fd = find_field(list, "fd")) {
    spec.data = EpollData::Fd;
    spec.script_fd = evaluate_s32(*fd->value);
    spec.event.data.fd = fds.live_fd(spec.script_fd);
  } else if (const ast::NamedField* ptr = find_field(list, "ptr")) {
    spec.data = EpollData::Ptr;
    spec.event.data.u64 = static_cast<uint64_t>(evaluate_integer(*ptr->value));
  } else if (const ast::NamedField* u32 = find_field(list, "u32")) {
    spec.data = EpollData::U32;
    spec.event.data.u32 = static_cast<uint32_t>(evaluate_integer(*u32->value));
  } else if (const ast::NamedField* u64 = find_field(list, "u64")) {
    spec.data = EpollData::U64;
    spec.event.data.u64 = static_cast<uint64_t>(evaluate_integer(*u64->value));
  } else {
    throw SyscallError("epoll_event specified incorrectly");
  }
  return spec;
}

class EpollCtlCall : public SyscallCall {
 public:
  EpollCtlCall(int epoll_fd, int op, int live_fd, epoll_event event)
      : epoll_fd_(epoll_fd), op_(op), live_fd_(live_fd), event_(event) {}
  int64_t perform() override { return ::epoll_ctl(epoll_fd_, op_, live_fd_, &event_); }

 private:
  int epoll_fd_, op_, live_fd_;
  epoll_event event_;
};

// Compares only the first returned event, like packetdrill.
class EpollWaitCall : public SyscallCall {
 public:
  EpollWaitCall(int epoll_fd, EpollEventSpec expected, int max_events, int timeout)
      : epoll_fd_(epoll_fd),
        expected_(expected),
        events_(static_cast<std::size_t>(std::max(max_events, 1))),
        max_events_(max_events),
        timeout_(timeout) {}
  int64_t perform() override {
    return ::epoll_wait(epoll_fd_, events_.data(), max_events_, timeout_);
  }
  void verify(SyscallEnvironment& env, const SyscallOutcome& outcome, int64_t) override {
    if (outcome.result <= 0) return;
    const epoll_event& actual = events_.front();
    if (actual.events != expected_.event.events) {
      throw SyscallError("epoll_event->events does not match script: expected: " +
                         epoll_events_text(expected_.event.events) +
                         " actual: " + epoll_events_text(actual.events));
    }
    std::string want, got;
    switch (expected_.data) {
      case EpollData::Fd: {
        if (actual.data.fd == expected_.event.data.fd) return;
        const FdEntry* entry = env.fds.find_live(actual.data.fd);
        want = "fd " + std::to_string(expected_.script_fd);
        got = entry != nullptr ? "fd " + std::to_string(entry->script_fd)
                               : "live fd " + std::to_string(actual.data.fd);
        break;
      }
      case EpollData::U32:
        if (actual.data.u32 == expected_.event.data.u32) return;
        want = std::to_string(expected_.event.data.u32);
        got = std::to_string(actual.data.u32);
        break;
      case EpollData::Ptr:
      case EpollData::U64:
        if (actual.data.u64 == expected_.event.data.u64) return;
        want = std::to_string(expected_.event.data.u64);
        got = std::to_string(actual.data.u64);
        break;
    }
    throw SyscallError("epoll_event->data does not match script: expected: " + want +
                       " actual: " + got);
  }

 private:
  int epoll_fd_;
  EpollEventSpec expected_;
  std::vector<epoll_event> events_;
  int max_events_;
  int timeout_;
};

}  // namespace

std::unique_ptr<SyscallCall> make_poll(const CallArguments& args, int64_t) {
  args.expect_count(3);
  std::vector<pollfd> fds;
  std::vector<short> revents;
  for (const ast::Expression& element : expect_list(args.at(0)).elements) {
    const ast::ExpressionList& fields = expect_list(element);
    const ast::NamedField* fd = find_field(fields, "fd");
    const ast::NamedField* events = find_field(fields, "events");
    if (fd == nullptr || events == nullptr) {
      throw SyscallError("pollfd needs fd= and events=");
    }
    const ast::NamedField* expected = find_field(fields, "revents");
    fds.push_back(pollfd{args.env().fds.live_fd(evaluate_s32(*fd->value)),
                         static_cast<short>(evaluate_integer(*events->value)), 0});
    revents.push_back(expected != nullptr ? static_cast<short>(evaluate_integer(*expected->value))
                                          : short{0});
  }
  const int nfds = args.s32(1);
  if (nfds != static_cast<int>(fds.size())) {
    throw SyscallError("nfds " + std::to_string(nfds) + " does not match " +
                       std::to_string(fds.size()) + "-element pollfd array");
  }
  return std::make_unique<PollCall>(std::move(fds), std::move(revents), args.s32(2));
}

std::unique_ptr<SyscallCall> make_epoll_create(const CallArguments& args, int64_t) {
  args.expect_count(1);
  return std::make_unique<EpollCreateCall>(args.s32(0));
}

std::unique_ptr<SyscallCall> make_epoll_ctl(const CallArguments& args, int64_t) {
  args.expect_count(4);
  const int epoll_fd = args.live_fd(0);
  const int op = args.s32(1);
  const int script_fd = args.script_fd(2);
  const int live_fd = args.live_fd(2);
  const EpollEventSpec spec = parse_epoll_event(args.at(3), args.env().fds);
  if (spec.data == EpollData::Fd && spec.script_fd != script_fd) {
    throw SyscallError("wrong fd specified in epoll_event");
  }
  return std::make_unique<EpollCtlCall>(epoll_fd, op, live_fd, spec.event);
}

std::unique_ptr<SyscallCall> make_epoll_wait(const CallArguments& args, int64_t) {
  args.expect_count(4);
  const int epoll_fd = args.live_fd(0);
  const EpollEventSpec spec = parse_epoll_event(args.at(1), args.env().fds);
  return std::make_unique<EpollWaitCall>(epoll_fd, spec, args.s32(2), args.s32(3));
}

}  // namespace tcpdrill::runtime
