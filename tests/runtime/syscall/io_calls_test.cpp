#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "tests/runtime/syscall/syscall_test_support.h"

namespace tcpdrill::runtime {
namespace {

using namespace testing;

// Script fd 3 is a UDP socket bound to 127.0.0.1:8080, 4 a UDP socket that sends to it.
void udp_pair(SyscallEnvironment& env) {
  for (int fd : {3, 4}) {
    ASSERT_EQ(
        failure_of(call("socket", {dots(), sym("SOCK_DGRAM"), sym("IPPROTO_UDP")}, num(fd)), env),
        "");
  }
  ASSERT_EQ(failure_of(call("bind", {num(3), dots(), dots()}, num(0)), env), "");
}

TEST(IoCalls, WriteAndReadOverTcp) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    EXPECT_EQ(failure_of(call("write", {num(4), dots(), num(1000)}, num(1000)), env), "");
    EXPECT_EQ(failure_of(call("read", {num(5), dots(), num(600)}, num(600)), env), "");
    EXPECT_EQ(failure_of(call("read", {num(5), dots(), num(600)}, num(999)), env),
              "read: Expected result 999 but got 400 with errno 0 (Success)");
    EXPECT_EQ(failure_of(call("fcntl", {num(5), sym("F_SETFL"), sym("O_NONBLOCK")}, num(0)), env),
              "");
    EXPECT_EQ(failure_of(call("read", {num(5), dots(), num(10)}, num(-1), "EAGAIN"), env), "");
    EXPECT_EQ(failure_of(call("read", {num(5), dots(), num(10)}, num(-1), "ENOENT"), env),
              "read: Expected errno ENOENT (2) but got EAGAIN (11)");
    EXPECT_EQ(failure_of(call("write", {num(4), sym("NULL"), num(10)}, num(-1), "EFAULT"), env),
              "");
  });
}

TEST(IoCalls, SendAndRecvOverTcp) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    EXPECT_EQ(failure_of(call("send", {num(4), dots(), num(100), num(0)}, num(100)), env), "");
    EXPECT_EQ(failure_of(call("recv", {num(5), dots(), num(100), sym("MSG_PEEK")}, num(100)), env),
              "");
    EXPECT_EQ(failure_of(call("recv", {num(5), dots(), num(1000), num(0)}, num(100)), env), "");
    EXPECT_EQ(failure_of(call("recv", {num(5), dots(), num(10), sym("MSG_DONTWAIT")}, num(0)), env),
              "recv: Expected result 0 but got -1 with errno 11 (Resource temporarily "
              "unavailable)");
  });
}

TEST(IoCalls, SendtoAndRecvfromOverUdp) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    RecordingObserver observer;
    SyscallEnvironment env;
    use_loopback(env);
    udp_pair(env);
    env.observer = &observer;
    EXPECT_EQ(
        failure_of(call("sendto", {num(4), dots(), num(50), num(0), dots(), dots()}, num(50)), env),
        "");
    EXPECT_EQ(observer.events, std::vector<std::string>{"connect 4"});
    EXPECT_EQ(
        failure_of(call("recvfrom", {num(3), dots(), num(100), num(0), dots(), dots()}, num(50)),
                   env),
        "");
    EXPECT_EQ(
        failure_of(call("recvfrom", {num(3), dots(), num(100), num(0), num(1), dots()}, num(50)),
                   env),
        "recvfrom: Bad type; actual: integer expected: ellipsis");
  });
}

TEST(IoCalls, WritevAndReadv) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    EXPECT_EQ(failure_of(
                  call("writev",
                       {num(4), list({brace({dots(), num(10)}), brace({dots(), num(20)})}), num(2)},
                       num(30)),
                  env),
              "");
    EXPECT_EQ(
        failure_of(
            call("readv",
                 {num(5), list({brace({field("iov_base", dots()), field("iov_len", num(30))})}),
                  num(1)},
                 num(30)),
            env),
        "");
    EXPECT_EQ(failure_of(
                  call("writev", {num(4), list({brace({dots(), num(10)})}), num(2)}, num(10)), env),
              "writev: iov_count 2 does not match 1-element iovec array");
  });
}

TEST(IoCalls, SendOmitFreeKeepsSendBuffersOnly) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    env.send_omit_free = true;
    connect_tcp_pair(env);
    EXPECT_EQ(failure_of(call("write", {num(4), dots(), num(10)}, num(10)), env), "");
    EXPECT_TRUE(env.kept_send_buffers.empty());
    EXPECT_EQ(failure_of(call("send", {num(4), dots(), num(10), num(0)}, num(10)), env), "");
    EXPECT_EQ(
        failure_of(call("sendto", {num(4), dots(), num(10), num(0), dots(), dots()}, num(10)), env),
        "");
    EXPECT_EQ(env.kept_send_buffers.size(), 2u);
  });
}

// The kernel reads a zerocopy send's pages after the call returned, so the buffer must
// outlive the call even without --send_omit_free.
TEST(IoCalls, ZerocopySendKeepsItsBufferWithoutSendOmitFree) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    EXPECT_EQ(failure_of(call("send", {num(4), dots(), num(10), num(0)}, num(10)), env), "");
    EXPECT_TRUE(env.kept_send_buffers.empty());
    EXPECT_EQ(
        failure_of(call("send", {num(4), dots(), num(10), sym("MSG_ZEROCOPY")}, num(10)), env), "");
    EXPECT_EQ(failure_of(call("sendmsg",
                              {num(4), brace({field("msg_iov", 1, list({brace({dots(), num(10)})})),
                                              field("msg_flags", num(0))}),
                               sym("MSG_ZEROCOPY")},
                              num(10)),
                         env),
              "");
    EXPECT_EQ(env.kept_send_buffers.size(), 2u);
  });
}

TEST(IoCalls, SendtoFastOpenConnects) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    RecordingObserver observer;
    SyscallEnvironment env;
    use_loopback(env);
    env.observer = &observer;
    for (int fd : {3, 4}) {
      ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(fd)), env), "");
    }
    ASSERT_EQ(failure_of(call("bind", {num(3), dots(), dots()}, num(0)), env), "");
    ASSERT_EQ(failure_of(call("setsockopt",
                              {num(3), sym("SOL_TCP"), sym("TCP_FASTOPEN"), list({num(5)}), num(4)},
                              num(0)),
                         env),
              "");
    ASSERT_EQ(failure_of(call("listen", {num(3), num(1)}, num(0)), env), "");
    EXPECT_EQ(
        failure_of(call("sendto", {num(4), dots(), num(100), sym("MSG_FASTOPEN"), dots(), dots()},
                        num(100)),
                   env),
        "");
    EXPECT_EQ(failure_of(call("accept", {num(3), dots(), dots()}, num(5)), env), "");
    EXPECT_EQ(failure_of(call("read", {num(5), dots(), num(1000)}, num(100)), env), "");
    EXPECT_EQ(observer.events, (std::vector<std::string>{"socket 3", "socket 4", "listen 3",
                                                         "connect 4", "accept 3 5"}));
  });
}

TEST(IoCalls, IcmpSendtoSendsAnEchoRequest) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    std::ofstream("/proc/sys/net/ipv4/ping_group_range") << "0 0";
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(
        failure_of(call("socket", {dots(), sym("SOCK_DGRAM"), sym("IPPROTO_ICMP")}, num(3)), env),
        "");
    EXPECT_EQ(env.fds.find(3)->kind, FdKind::IcmpSocket);
    // The kernel rejects anything but an echo request, so success proves the type byte.
    EXPECT_EQ(
        failure_of(call("sendto", {num(3), dots(), num(64), num(0), dots(), dots()}, num(64)), env),
        "");
    EXPECT_EQ(
        failure_of(call("recvfrom", {num(3), dots(), num(100), num(0), dots(), dots()}, num(64)),
                   env),
        "");
  });
}

TEST(IoCalls, PipeSpliceSendfileAndOpen) {
  TCPDRILL_REQUIRE_NETNS();
  run_in_netns([] {
    char path[] = "/tmp/tcpdrill-sendfile-XXXXXX";
    const int file = ::mkstemp(path);
    ASSERT_GE(file, 0);
    ASSERT_EQ(::write(file, "0123456789", 10), 10);
    ::close(file);

    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    EXPECT_EQ(failure_of(call("pipe", {list({num(7), num(8)})}, num(0)), env), "");
    EXPECT_EQ(env.fds.find(7)->kind, FdKind::Pipe);
    EXPECT_EQ(failure_of(call("write", {num(8), dots(), num(10)}, num(10)), env), "");
    EXPECT_EQ(
        failure_of(call("splice",
                        {num(7), sym("NULL"), num(4), sym("NULL"), num(10), sym("SPLICE_F_MOVE")},
                        num(10)),
                   env),
        "");
    EXPECT_EQ(failure_of(call("open", {str(path), sym("O_RDONLY")}, num(9)), env), "");
    EXPECT_EQ(env.fds.find(9)->kind, FdKind::File);
    EXPECT_EQ(failure_of(call("sendfile", {num(4), num(9), list({num(2)}), num(8)}, num(8)), env),
              "");
    EXPECT_EQ(failure_of(call("read", {num(5), dots(), num(100)}, num(18)), env), "");
    EXPECT_EQ(failure_of(call("pipe", {list({num(7), num(10)})}, num(0)), env),
              "pipe: duplicate fd 7 in script");
    EXPECT_EQ(failure_of(call("open", {str("/nonexistent/x"), sym("O_RDONLY")}, num(10)), env),
              "open: Expected non-negative result but got -1 with errno 2 (No such file or "
              "directory)");
    ::unlink(path);
  });
}

}  // namespace
}  // namespace tcpdrill::runtime
