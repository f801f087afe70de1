#include <gtest/gtest.h>

#include "tests/runtime/syscall/syscall_test_support.h"

namespace tcpdrill::runtime {
namespace {

using namespace testing;

ast::Syscall getsockopt(int fd, const char* level, const char* name, ast::Expression value,
                        int64_t length) {
  return call("getsockopt", {num(fd), sym(level), sym(name), std::move(value), list({num(length)})},
              num(0));
}

ast::Syscall setsockopt(int fd, const char* level, const char* name, ast::Expression value,
                        ast::Expression length) {
  return call("setsockopt", {num(fd), sym(level), sym(name), std::move(value), std::move(length)},
              num(0));
}

class SockoptCalls : public ::testing::Test {
 protected:
  void SetUp() override { TCPDRILL_REQUIRE_NETNS(); }
};

TEST_F(SockoptCalls, IntegerOptions) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(3)), env), "");
    EXPECT_EQ(
        failure_of(getsockopt(3, "SOL_SOCKET", "SO_TYPE", list({sym("SOCK_STREAM")}), 4), env), "");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_TCP", "TCP_NODELAY", list({num(1)}), 4), env),
              "getsockopt: Bad getsockopt optval: expected: 1 actual: 0");
    EXPECT_EQ(failure_of(setsockopt(3, "SOL_TCP", "TCP_NODELAY", list({num(1)}), num(4)), env), "");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_TCP", "TCP_NODELAY", list({num(1)}), 4), env), "");
    EXPECT_EQ(failure_of(setsockopt(3, "SOL_SOCKET", "SO_RCVBUF", list({num(65536)}), num(4)), env),
              "");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_SOCKET", "SO_RCVBUF", list({num(1)}), 4), env),
              "getsockopt: Bad getsockopt optval: expected: 1 actual: 131072");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_SOCKET", "SO_RCVBUF", list({num(1)}), 8), env),
              "getsockopt: Unsupported getsockopt optlen: 8");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_SOCKET", "SO_RCVBUF", list({num(1), num(2)}), 4), env),
              "getsockopt: Expected [<element>] but got multiple elements");
    EXPECT_EQ(failure_of(setsockopt(3, "SOL_TCP", "TCP_MAXSEG", list({num(1)}), num(4)), env),
              "setsockopt: Expected result 0 but got -1 with errno 22 (Invalid argument)");
  });
}

TEST_F(SockoptCalls, StringOptionsAndLengths) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(3)), env), "");
    EXPECT_EQ(failure_of(setsockopt(3, "SOL_TCP", "TCP_CONGESTION", str("reno"), num(4)), env), "");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_TCP", "TCP_CONGESTION", str("reno"), 4), env), "");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_TCP", "TCP_CONGESTION", str("cubi"), 4), env),
              "getsockopt: Bad getsockopt optval: expected: 'cubi' actual: 'reno'");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_TCP", "TCP_CONGESTION", str("reno"), 5), env),
              "getsockopt: Bad getsockopt optval: expected optlen (5 bytes) does not match length "
              "of expected optval string 'reno' (4 bytes)");
    // Only the length is checked when the value is `...`; TCP_CONGESTION returns at most 16.
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_TCP", "TCP_CONGESTION", dots(), 40), env),
              "getsockopt: Bad getsockopt optlen: expected: 40 actual: 16");
    EXPECT_EQ(
        failure_of(setsockopt(3, "SOL_TCP", "TCP_CONGESTION", str("nonexistent"), num(11)), env),
        "setsockopt: Expected result 0 but got -1 with errno 2 (No such file or directory)");
  });
}

TEST_F(SockoptCalls, LingerStruct) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(3)), env), "");
    const ast::Expression on = brace({field("onoff", num(1)), field("linger", num(5))});
    EXPECT_EQ(failure_of(setsockopt(3, "SOL_SOCKET", "SO_LINGER", on, dots()), env), "");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_SOCKET", "SO_LINGER", on, 8), env), "");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_SOCKET", "SO_LINGER",
                                    brace({field("onoff", num(1)), field("linger", num(6))}), 8),
                         env),
              "getsockopt: Bad getsockopt optval: expected: '\\x01\\x00\\x00\\x00\\x06\\x00\\x00"
              "\\x00' actual: '\\x01\\x00\\x00\\x00\\x05\\x00\\x00\\x00'");
  });
}

TEST_F(SockoptCalls, Md5SigUsesTheLiveRemoteAddress) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(3)), env), "");
    EXPECT_EQ(failure_of(setsockopt(3, "SOL_TCP", "TCP_MD5SIG",
                                    brace({field("tcpm_key", str("secret"))}), dots()),
                         env),
              "");
    // Deleting the key (keylen 0) for the live peer works once: the key was stored for
    // that address.
    const ast::Syscall delete_key =
        setsockopt(3, "SOL_TCP", "TCP_MD5SIG",
                   brace({field("tcpm_key", str("")), field("tcpm_keylen", num(0))}), dots());
    EXPECT_EQ(failure_of(delete_key, env), "");
    EXPECT_EQ(failure_of(delete_key, env),
              "setsockopt: Expected result 0 but got -1 with errno 2 (No such file or directory)");
  });
}

TEST_F(SockoptCalls, ZerocopyOption) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_STREAM"), num(0)}, num(3)), env), "");
    EXPECT_EQ(failure_of(setsockopt(3, "SOL_SOCKET", "SO_ZEROCOPY", list({num(1)}), num(4)), env),
              "");
    EXPECT_EQ(failure_of(getsockopt(3, "SOL_SOCKET", "SO_ZEROCOPY", list({num(1)}), 4), env), "");
  });
}

TEST(SockoptValues, UnsupportedValueType) {
  SyscallEnvironment env;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  env.fds.add(FdEntry{3, fds[0], FdKind::Pipe});
  env.fds.add(FdEntry{4, fds[1], FdKind::Pipe});
  EXPECT_EQ(failure_of(setsockopt(3, "SOL_SOCKET", "SO_MARK", num(1), num(4)), env),
            "setsockopt: unsupported setsockopt value type: integer");
  EXPECT_EQ(failure_of(setsockopt(3, "SOL_SOCKET", "SO_MARK", list({num(1)}), num(4)), env),
            "setsockopt: Expected result 0 but got -1 with errno 88 (Socket operation on "
            "non-socket)");
}

}  // namespace
}  // namespace tcpdrill::runtime
