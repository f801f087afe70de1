#include <gtest/gtest.h>

#include "tests/runtime/syscall/syscall_test_support.h"

namespace tcpdrill::runtime {
namespace {

using namespace testing;

class FdCalls : public ::testing::Test {
 protected:
  void SetUp() override { TCPDRILL_REQUIRE_NETNS(); }
};

TEST_F(FdCalls, Fcntl) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(3)), env), "");
    EXPECT_EQ(failure_of(call("fcntl", {num(3), sym("F_GETFL")}, sym("O_RDWR")), env), "");
    EXPECT_EQ(
        failure_of(call("fcntl", {num(3), sym("F_SETFL"), bits({sym("O_RDWR"), sym("O_NONBLOCK")})},
                        num(0)),
                   env),
        "");
    EXPECT_EQ(failure_of(call("fcntl", {num(3), sym("F_GETFL")}, sym("O_RDWR")), env),
              "fcntl: Expected result 2 but got 2050 with errno 0 (Success)");
    EXPECT_EQ(failure_of(call("connect", {num(3), dots(), dots()}, num(-1), "EINPROGRESS"), env),
              "");
  });
}

TEST_F(FdCalls, IoctlComparesTheReturnedInt) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    connect_tcp_pair(env);
    EXPECT_EQ(failure_of(call("ioctl", {num(5), sym("FIONREAD"), list({num(0)})}, num(0)), env),
              "");
    EXPECT_EQ(failure_of(call("write", {num(4), dots(), num(1000)}, num(1000)), env), "");
    EXPECT_EQ(failure_of(call("ioctl", {num(5), sym("SIOCINQ"), list({num(1000)})}, num(0)), env),
              "");
    EXPECT_EQ(failure_of(call("ioctl", {num(5), sym("FIONREAD"), list({num(5)})}, num(0)), env),
              "ioctl: Bad ioctl optval: expected: 5 actual: 1000");
    EXPECT_EQ(failure_of(call("ioctl", {num(5), num(0x12345678)}, num(-1), "ENOTTY"), env), "");
  });
}

TEST_F(FdCalls, CapSetChangesTheEffectiveSet) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    const ast::Syscall raw_socket =
        call("socket", {sym("AF_INET"), sym("SOCK_RAW"), sym("IPPROTO_TCP")}, num(3));
    EXPECT_EQ(failure_of(call("cap_set",
                              {sym("CAP_EFFECTIVE"), sym("CAP_NET_RAW"), sym("CAP_CLEAR")}, num(0)),
                         env),
              "");
    EXPECT_EQ(failure_of(raw_socket, env),
              "socket: Expected non-negative result but got -1 with errno 1 (Operation not "
              "permitted)");
    EXPECT_EQ(failure_of(call("cap_set", {sym("CAP_EFFECTIVE"), sym("CAP_NET_RAW"), sym("CAP_SET")},
                              num(0)),
                         env),
              "");
    EXPECT_EQ(failure_of(raw_socket, env), "");
  });
}

}  // namespace
}  // namespace tcpdrill::runtime
