#include <gtest/gtest.h>
#include <sys/socket.h>

#include <thread>

#include "tests/runtime/syscall/syscall_test_support.h"

namespace tcpdrill::runtime {
namespace {

using namespace testing;

TEST(SocketCalls, SocketBindListenConnectAcceptNotifyTheObserver) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    RecordingObserver observer;
    SyscallEnvironment env;
    use_loopback(env);
    env.observer = &observer;
    connect_tcp_pair(env);
    EXPECT_EQ(observer.events, (std::vector<std::string>{"socket 3", "socket 4", "listen 3",
                                                         "connect 4", "accept 3 5"}));
    ASSERT_NE(env.fds.find(3), nullptr);
    EXPECT_EQ(env.fds.find(3)->kind, FdKind::TcpListener);
    EXPECT_EQ(env.fds.find(4)->kind, FdKind::TcpSocket);
    EXPECT_EQ(env.fds.find(5)->kind, FdKind::TcpSocket);
    EXPECT_EQ(env.fds.find(5)->domain, AF_INET);
  });
}

TEST(SocketCalls, SocketFailureInFdMode) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    EXPECT_EQ(
        failure_of(call("socket", {sym("AF_INET"), sym("SOCK_STREAM"), sym("IPPROTO_UDP")}, num(3)),
                   env),
        "socket: Expected non-negative result but got -1 with errno 93 (Protocol not "
        "supported)");
    EXPECT_EQ(failure_of(call("socket", {sym("AF_INET"), sym("SOCK_STREAM"), sym("IPPROTO_UDP")},
                              num(-1), "EPROTONOSUPPORT"),
                         env),
              "");
    EXPECT_EQ(failure_of(call("socket", {sym("AF_INET"), sym("SOCK_STREAM"), sym("IPPROTO_UDP")},
                              num(-1), "EAGAIN"),
                         env),
              "socket: Expected errno EAGAIN (11) but got EPROTONOSUPPORT (93)");
    EXPECT_TRUE(env.fds.entries().empty());
  });
}

TEST(SocketCalls, DuplicateScriptFdIsAnErrorAndLeaksNothing) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_DGRAM"), num(0)}, num(3)), env), "");
    EXPECT_EQ(failure_of(call("socket", {dots(), sym("SOCK_DGRAM"), num(0)}, num(3)), env),
              "socket: duplicate fd 3 in script");
    EXPECT_EQ(env.fds.entries().size(), 1u);
    EXPECT_EQ(env.fds.find(3)->kind, FdKind::UdpSocket);
  });
}

TEST(SocketCalls, AcceptMayReuseAnOpenScriptFd) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    const int first = env.fds.live_fd(5);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(6)), env), "");
    ASSERT_EQ(failure_of(call("connect", {num(6), dots(), dots()}, num(0)), env), "");
    // packetdrill's accept() does no duplicate check: the new connection takes over fd 5.
    EXPECT_EQ(failure_of(call("accept", {num(3), dots(), dots()}, num(5)), env), "");
    EXPECT_NE(env.fds.live_fd(5), first);
    EXPECT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(5)), env),
              "socket: duplicate fd 5 in script");
  });
}

TEST(SocketCalls, BindFailsWhenThePortIsTaken) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(6)), env), "");
    EXPECT_EQ(failure_of(call("bind", {num(6), dots(), dots()}, num(-1), "EADDRINUSE"), env), "");
    EXPECT_EQ(failure_of(call("bind", {num(6), num(1), dots()}, num(0)), env),
              "bind: Bad type; actual: integer expected: ellipsis");
    const ast::Expression sockaddr =
        brace({field("sa_family", sym("AF_INET")), field("sin_port", fn("htons", {num(8080)})),
               field("sin_addr", fn("inet_addr", {str("127.0.0.1")}))});
    EXPECT_EQ(failure_of(call("bind", {num(6), sockaddr, dots()}, num(0)), env),
              "bind: Bad type; actual: sockaddr_in expected: ellipsis");
  });
}

TEST(SocketCalls, Ipv6AndMappedAddresses) {
  TCPDRILL_REQUIRE_NETNS();
  for (IpVersion version : {IpVersion::Ipv6, IpVersion::Ipv4MappedIpv6}) {
    run_in_netns([version] {
      SyscallEnvironment env;
      use_loopback(env, version);
      connect_tcp_pair(env);
      EXPECT_EQ(env.fds.find(3)->domain, AF_INET6);
    });
  }
}

TEST(SocketCalls, ConnectAfUnspecDisconnects) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    RecordingObserver observer;
    SyscallEnvironment env;
    use_loopback(env);
    env.observer = &observer;
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_DGRAM"), num(0)}, num(3)), env), "");
    EXPECT_EQ(failure_of(call("connect", {num(3), dots(), dots()}, num(0)), env), "");
    EXPECT_EQ(failure_of(call("connect", {num(3), sym("AF_UNSPEC"), dots()}, num(0)), env), "");
    EXPECT_EQ(observer.events, (std::vector<std::string>{"socket 3", "connect 3", "disconnect 3"}));
    EXPECT_EQ(
        failure_of(call("send", {num(3), dots(), num(10), num(0)}, num(-1), "EDESTADDRREQ"), env),
        "");
  });
}

TEST(SocketCalls, ShutdownAndClose) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    RecordingObserver observer;
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    env.observer = &observer;
    EXPECT_EQ(failure_of(call("shutdown", {num(4), sym("SHUT_WR")}, num(0)), env), "");
    EXPECT_EQ(failure_of(call("read", {num(5), dots(), num(10)}, num(0)), env), "");
    EXPECT_EQ(failure_of(call("shutdown", {num(4), num(99)}, num(0)), env),
              "shutdown: Expected result 0 but got -1 with errno 22 (Invalid argument)");
    EXPECT_EQ(failure_of(call("close", {num(4)}, num(0)), env), "");
    EXPECT_EQ(observer.events, std::vector<std::string>{"close 4"});
    EXPECT_EQ(env.fds.find(4), nullptr);
    EXPECT_EQ(failure_of(call("close", {num(4)}, num(0)), env),
              "close: unable to find fd with script fd 4");
    // A close the script expected to fail still releases the fd.
    EXPECT_EQ(failure_of(call("close", {num(5)}, num(-1)), env),
              "close: Expected result -1 but got 0 with errno 0 (Success)");
    EXPECT_EQ(env.fds.find(5), nullptr);
  });
}

TEST(SocketCalls, BlockingAcceptRunsOnAnotherThread) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    for (int fd : {3, 4}) {
      ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(fd)), env), "");
    }
    ASSERT_EQ(failure_of(call("bind", {num(3), dots(), dots()}, num(0)), env), "");
    ASSERT_EQ(failure_of(call("listen", {num(3), num(1)}, num(0)), env), "");

    PreparedSyscall accept = prepare(call("accept", {num(3), dots(), dots()}, num(5)), env);
    std::thread helper([&accept] { accept.invoke(); });
    EXPECT_EQ(failure_of(call("connect", {num(4), dots(), dots()}, num(0)), env), "");
    helper.join();
    ASSERT_TRUE(accept.invoked());
    EXPECT_GE(accept.outcome().result, 0);
    accept.check(env);
    EXPECT_EQ(env.fds.live_fd(5), accept.outcome().result);
  });
}

}  // namespace
}  // namespace tcpdrill::runtime
