#include <gtest/gtest.h>

#include "tests/runtime/syscall/syscall_test_support.h"

namespace tcpdrill::runtime {
namespace {

using namespace testing;

ast::Expression pollfd(int fd, ast::Expression events, ast::Expression revents) {
  return brace({field("fd", num(fd)), field("events", std::move(events)),
                field("revents", std::move(revents))});
}

class PollCalls : public ::testing::Test {
 protected:
  void SetUp() override { TCPDRILL_REQUIRE_NETNS(); }
};

TEST_F(PollCalls, PollComparesEveryRevents) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    EXPECT_EQ(
        failure_of(call("poll", {list({pollfd(5, sym("POLLIN"), num(0))}), num(1), num(0)}, num(0)),
                   env),
        "");
    EXPECT_EQ(failure_of(call("write", {num(4), dots(), num(10)}, num(10)), env), "");
    EXPECT_EQ(failure_of(call("poll",
                              {list({pollfd(5, bits({sym("POLLIN"), sym("POLLOUT")}),
                                            bits({sym("POLLIN"), sym("POLLOUT")})),
                                     pollfd(4, sym("POLLIN"), num(0))}),
                               num(2), num(0)},
                              num(1)),
                         env),
              "");
    EXPECT_EQ(
        failure_of(
            call("poll", {list({pollfd(4, sym("POLLOUT"), num(0))}), num(1), num(0)}, num(1)), env),
        "poll: Expected revents of  but got POLLOUT for pollfd 0");
    EXPECT_EQ(
        failure_of(
            call("poll", {list({pollfd(4, sym("POLLOUT"), num(0))}), num(2), num(0)}, num(1)), env),
        "poll: nfds 2 does not match 1-element pollfd array");
  });
}

TEST_F(PollCalls, PollReportsHangupSymbolically) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(3)), env), "");
    // An unconnected TCP socket is in CLOSE: poll says POLLOUT|POLLHUP.
    EXPECT_EQ(
        failure_of(
            call("poll", {list({pollfd(3, sym("POLLIN"), sym("POLLIN"))}), num(1), num(0)}, num(1)),
            env),
        "poll: Expected revents of POLLIN but got POLLHUP for pollfd 0");
  });
}

TEST_F(PollCalls, EpollWaitComparesTheFirstEvent) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    ASSERT_EQ(failure_of(call("epoll_create", {num(1)}, num(6)), env), "");
    EXPECT_EQ(env.fds.find(6)->kind, FdKind::Epoll);
    const ast::Expression in5 = brace({field("events", sym("EPOLLIN")), field("fd", num(5))});
    EXPECT_EQ(
        failure_of(call("epoll_ctl", {num(6), sym("EPOLL_CTL_ADD"), num(5), in5}, num(0)), env),
        "");
    EXPECT_EQ(failure_of(call("epoll_wait", {num(6), in5, num(1), num(0)}, num(0)), env), "");
    EXPECT_EQ(failure_of(call("write", {num(4), dots(), num(10)}, num(10)), env), "");
    EXPECT_EQ(failure_of(call("epoll_wait", {num(6), in5, num(1), num(0)}, num(1)), env), "");
    EXPECT_EQ(
        failure_of(call("epoll_wait",
                        {num(6), brace({field("events", sym("EPOLLOUT")), field("fd", num(5))}),
                         num(1), num(0)},
                        num(1)),
                   env),
        "epoll_wait: epoll_event->events does not match script: expected: EPOLLOUT "
        "actual: EPOLLIN");
    EXPECT_EQ(
        failure_of(call("epoll_wait",
                        {num(6), brace({field("events", sym("EPOLLIN")), field("fd", num(4))}),
                         num(1), num(0)},
                        num(1)),
                   env),
        "epoll_wait: epoll_event->data does not match script: expected: fd 4 actual: fd 5");
    EXPECT_EQ(failure_of(call("epoll_ctl",
                              {num(6), sym("EPOLL_CTL_MOD"), num(5),
                               brace({field("events", sym("EPOLLIN")), field("fd", num(4))})},
                              num(0)),
                         env),
              "epoll_ctl: wrong fd specified in epoll_event");
  });
}

TEST_F(PollCalls, EpollDataMembers) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    ASSERT_EQ(failure_of(call("epoll_create", {num(1)}, num(6)), env), "");
    EXPECT_EQ(
        failure_of(call("epoll_ctl",
                        {num(6), sym("EPOLL_CTL_ADD"), num(4),
                         brace({field("events", sym("EPOLLOUT")), field("u64", num(0x123456789))})},
                        num(0)),
                   env),
        "");
    EXPECT_EQ(
        failure_of(
            call("epoll_wait",
                 {num(6), brace({field("events", sym("EPOLLOUT")), field("u64", num(0x123456789))}),
                  num(4), num(0)},
                 num(1)),
            env),
        "");
    EXPECT_EQ(
        failure_of(
            call("epoll_wait",
                 {num(6), brace({field("events", sym("EPOLLOUT")), field("u32", num(0x23456789))}),
                  num(4), num(0)},
                 num(1)),
            env),
        "");
    EXPECT_EQ(
        failure_of(call("epoll_wait",
                        {num(6), brace({field("events", sym("EPOLLOUT")), field("ptr", num(7))}),
                         num(4), num(0)},
                        num(1)),
                   env),
        "epoll_wait: epoll_event->data does not match script: expected: 7 actual: "
        "4886718345");
    EXPECT_EQ(failure_of(
                  call("epoll_wait",
                       {num(6), brace({field("events", sym("EPOLLOUT"))}), num(4), num(0)}, num(1)),
                  env),
              "epoll_wait: epoll_event specified incorrectly");
  });
}

}  // namespace
}  // namespace tcpdrill::runtime
