#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include "runtime/syscall/call_arguments.h"
#include "runtime/syscall/syscall_error.h"
#include "tests/runtime/syscall/syscall_test_support.h"

namespace tcpdrill::runtime {
namespace {

using namespace testing;

std::string prepare_error(const ast::Syscall& syscall) {
  SyscallEnvironment env;
  try {
    prepare(syscall, env);
  } catch (const SyscallError& error) {
    return error.what();
  }
  return "";
}

TEST(Prepare, UnknownSystemCall) {
  EXPECT_EQ(prepare_error(call("foo", {}, num(0))), "foo: Unknown system call: 'foo'");
  EXPECT_FALSE(is_supported_syscall("getsockname"));
  for (const char* name :
       {"socket",     "bind",       "listen",     "accept",   "connect",      "read",
        "readv",      "recv",       "recvfrom",   "recvmsg",  "write",        "writev",
        "send",       "sendto",     "sendmsg",    "fcntl",    "ioctl",        "close",
        "shutdown",   "getsockopt", "setsockopt", "poll",     "epoll_create", "epoll_ctl",
        "epoll_wait", "pipe",       "splice",     "sendfile", "open",         "cap_set"}) {
    EXPECT_TRUE(is_supported_syscall(name)) << name;
  }
}

TEST(Prepare, ArgumentCountIsChecked) {
  EXPECT_EQ(prepare_error(call("socket", {dots(), sym("SOCK_STREAM")}, num(3))),
            "socket: Expected 3 args but got 2");
  EXPECT_EQ(prepare_error(call("fcntl", {num(3)}, num(0))),
            "fcntl: fcntl expected 2-3 args but got 1");
}

TEST(Prepare, UnknownSymbolsInArgumentsResultAndErrno) {
  EXPECT_EQ(prepare_error(call("socket", {dots(), sym("FOOBAR"), num(0)}, num(3))),
            "socket: unknown symbol: 'FOOBAR'");
  EXPECT_EQ(prepare_error(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, sym("BAR"))),
            "socket: unknown symbol: 'BAR'");
  EXPECT_EQ(prepare_error(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(-1), "EFOO")),
            "socket: unknown symbol: 'EFOO'");
}

TEST(Prepare, FdArgumentsMustBeKnown) {
  EXPECT_EQ(prepare_error(call("close", {num(7)}, num(0))),
            "close: unable to find fd with script fd 7");
}

TEST(Prepare, BadTypesAndBuffers) {
  EXPECT_EQ(prepare_error(call("socket", {dots(), str("x"), num(0)}, num(3))),
            "socket: Bad type; actual: string expected: integer");
  SyscallEnvironment env;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  env.fds.add(FdEntry{3, fds[0], FdKind::Pipe});
  env.fds.add(FdEntry{4, fds[1], FdKind::Pipe});
  EXPECT_EQ(failure_of(call("write", {num(4), num(5), num(10)}, num(10)), env),
            "write: Expected ... or NULL for buffer");
  EXPECT_EQ(failure_of(call("write", {num(4), str("abc"), num(10)}, num(10)), env),
            "write: Expected ... or NULL for buffer");
  EXPECT_EQ(failure_of(call("write", {num(4), sym("NULL"), num(10)}, num(-1), "EFAULT"), env), "");
  EXPECT_EQ(
      failure_of(call("ioctl", {num(3), sym("FIONREAD"), list({num(1), num(2)})}, num(0)), env),
      "ioctl: Expected [<element>] but got multiple elements");
}

TEST(Prepare, IntegerExpressions) {
  EXPECT_EQ(evaluate_integer(bits({sym("POLLIN"), sym("POLLOUT"), num(0x100)})), 0x105);
  EXPECT_EQ(evaluate_integer(fn("htons", {num(8080)})), htons(8080));
  EXPECT_EQ(evaluate_integer(fn("htonl", {num(1)})), htonl(1));
  in_addr address{};
  inet_pton(AF_INET, "192.0.2.1", &address);
  EXPECT_EQ(evaluate_integer(fn("inet_addr", {str("192.0.2.1")})), address.s_addr);
  EXPECT_THROW(evaluate_s32(num(int64_t{1} << 33)), SyscallError);
  EXPECT_EQ(evaluate_s32(num(0xffffffff)), -1);
}

TEST(Prepare, NothingIsNotifiedWhenPrepareFails) {
  RecordingObserver observer;
  SyscallEnvironment env;
  env.observer = &observer;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  env.fds.add(FdEntry{3, fds[0], FdKind::Pipe});
  env.fds.add(FdEntry{4, fds[1], FdKind::Pipe});
  EXPECT_EQ(failure_of(call("connect", {num(3), dots(), dots()}, num(-1), "EFOO"), env),
            "connect: unknown symbol: 'EFOO'");
  EXPECT_TRUE(observer.events.empty());
  EXPECT_EQ(failure_of(call("connect", {num(3), dots(), dots()}, num(-1), "ENOTSOCK"), env), "");
  EXPECT_EQ(observer.events, std::vector<std::string>{"connect 3"});
}

TEST(Environment, AppliesTheRunConfig) {
  RunConfig config;
  config.ip_version = IpVersion::Ipv6;
  config.bind_port = 9000;
  config.connect_port = 9001;
  config.send_omit_free = true;
  config.tolerance_usecs = 123;
  SyscallEnvironment env;
  env.apply(config);
  EXPECT_EQ(env.ip_version, IpVersion::Ipv6);
  EXPECT_EQ(env.bind_port, 9000);
  EXPECT_EQ(env.connect_port, 9001);
  EXPECT_TRUE(env.send_omit_free);
  EXPECT_EQ(env.tolerance_usecs, 123);
}

TEST(Environment, LiveAddressesPerIpVersion) {
  SyscallEnvironment env;
  env.local_ip = "192.168.0.1";
  env.remote_ip = "192.0.2.1";
  env.bind_port = 8080;
  env.connect_port = 8081;
  char text[INET6_ADDRSTRLEN];

  env.ip_version = IpVersion::Ipv4;
  LiveSockaddr bind4 = env.bind_address();
  const auto* in4 = reinterpret_cast<const sockaddr_in*>(&bind4.storage);
  EXPECT_EQ(bind4.length, sizeof(sockaddr_in));
  EXPECT_EQ(ntohs(in4->sin_port), 8080);
  EXPECT_STREQ(inet_ntop(AF_INET, &in4->sin_addr, text, sizeof text), "192.168.0.1");
  EXPECT_EQ(env.socket_domain(), AF_INET);

  env.ip_version = IpVersion::Ipv4MappedIpv6;
  LiveSockaddr mapped = env.connect_address();
  const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&mapped.storage);
  EXPECT_EQ(mapped.length, sizeof(sockaddr_in6));
  EXPECT_EQ(ntohs(in6->sin6_port), 8081);
  EXPECT_STREQ(inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text), "::ffff:192.0.2.1");
  EXPECT_EQ(env.socket_domain(), AF_INET6);

  env.ip_version = IpVersion::Ipv6;
  env.remote_ip = "2001:db8::1";
  LiveSockaddr v6 = env.connect_address();
  in6 = reinterpret_cast<const sockaddr_in6*>(&v6.storage);
  EXPECT_STREQ(inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text), "2001:db8::1");
}

}  // namespace
}  // namespace tcpdrill::runtime
