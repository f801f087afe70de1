#include <gtest/gtest.h>
#include <linux/errqueue.h>
#include <time.h>

#include "tests/runtime/syscall/syscall_test_support.h"

namespace tcpdrill::runtime {
namespace {

using namespace testing;

ast::Expression iov(int64_t length) { return list({brace({dots(), num(length)})}); }

ast::Expression cmsg(const char* level, const char* type, ast::Expression data) {
  return brace({field("cmsg_level", sym(level)), field("cmsg_type", sym(type)),
                field("cmsg_data", std::move(data))});
}

ast::Expression extended_error(const char* error, const char* origin, int64_t type, int64_t code,
                               int64_t info, int64_t data) {
  return brace({field("ee_errno", sym(error)), field("ee_origin", sym(origin)),
                field("ee_type", num(type)), field("ee_code", num(code)),
                field("ee_info", num(info)), field("ee_data", num(data))});
}

class MsgCalls : public ::testing::Test {
 protected:
  void SetUp() override { TCPDRILL_REQUIRE_NETNS(); }
};

TEST_F(MsgCalls, SendmsgAndRecvmsgOverUdp) {
  run_in_netns([] {
    RecordingObserver observer;
    SyscallEnvironment env;
    use_loopback(env);
    for (int fd : {3, 4}) {
      ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_DGRAM"), num(0)}, num(fd)), env), "");
    }
    ASSERT_EQ(failure_of(call("bind", {num(3), dots(), dots()}, num(0)), env), "");
    env.observer = &observer;
    const ast::Expression out = brace(
        {field("msg_name", dots()), field("msg_iov", 1, iov(50)), field("msg_flags", num(0))});
    EXPECT_EQ(failure_of(call("sendmsg", {num(4), out, num(0)}, num(50)), env), "");
    EXPECT_EQ(failure_of(call("sendmsg", {num(4), out, num(0)}, num(50)), env), "");
    EXPECT_EQ(observer.events, (std::vector<std::string>{"connect 4", "connect 4"}));
    EXPECT_EQ(failure_of(call("recvmsg",
                              {num(3),
                               brace({field("msg_name", dots()), field("msg_iov", 1, iov(100)),
                                      field("msg_flags", num(0))}),
                               num(0)},
                              num(50)),
                         env),
              "");
    EXPECT_EQ(
        failure_of(call("recvmsg",
                        {num(3), brace({field("msg_iov", 1, iov(10)), field("msg_flags", num(0))}),
                         num(0)},
                        num(10)),
                   env),
        "recvmsg: Expected msg_flags 0x00000000 but got 0x00000020");
    EXPECT_EQ(failure_of(call("sendmsg",
                              {num(4),
                               brace({field("msg_name", dots()), field("msg_iov", 1, iov(5)),
                                      field("msg_flags", sym("MSG_TRUNC"))}),
                               num(0)},
                              num(5)),
                         env),
              "sendmsg: sendmsg ignores msg_flags field in msghdr");
    EXPECT_EQ(
        failure_of(
            call("sendmsg",
                 {num(4), brace({field("msg_iov", 2, iov(5)), field("msg_flags", num(0))}), num(0)},
                 num(5)),
            env),
        "sendmsg: msg_iovlen 2 does not match 1-element iovec array");
  });
}

TEST_F(MsgCalls, SendmsgWithAnIntegerCmsg) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    for (int fd : {3, 4}) {
      ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_DGRAM"), num(0)}, num(fd)), env), "");
    }
    ASSERT_EQ(failure_of(call("bind", {num(3), dots(), dots()}, num(0)), env), "");
    ASSERT_EQ(
        failure_of(call("setsockopt",
                        {num(3), sym("SOL_IP"), sym("IP_RECVTOS"), list({num(1)}), num(4)}, num(0)),
                   env),
        "");
    EXPECT_EQ(
        failure_of(call("sendmsg",
                        {num(4),
                         brace({field("msg_name", dots()), field("msg_iov", 1, iov(20)),
                                field("msg_flags", num(0)),
                                field("msg_control", list({cmsg("SOL_IP", "IP_TOS", num(0x20))}))}),
                         num(0)},
                        num(20)),
                   env),
        "");
    // IP_TOS arrives as one byte, so the integer the script expects has the wrong length.
    EXPECT_EQ(
        failure_of(call("recvmsg",
                        {num(3),
                         brace({field("msg_iov", 1, iov(100)), field("msg_flags", num(0)),
                                field("msg_control", list({cmsg("SOL_IP", "IP_TOS", num(0x20))}))}),
                         num(0)},
                        num(20)),
                   env),
        "recvmsg: Bad len in cmsg 0: expected=20 actual=17");
  });
}

TEST_F(MsgCalls, ErrqueueCarriesTheIcmpError) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    ASSERT_EQ(failure_of(call("socket", {dots(), sym("SOCK_DGRAM"), num(0)}, num(3)), env), "");
    ASSERT_EQ(
        failure_of(call("setsockopt",
                        {num(3), sym("SOL_IP"), sym("IP_RECVERR"), list({num(1)}), num(4)}, num(0)),
                   env),
        "");
    // Nothing listens on 127.0.0.1:8080: an ICMP port unreachable comes back at once.
    ASSERT_EQ(
        failure_of(call("sendto", {num(3), dots(), num(30), num(0), dots(), dots()}, num(30)), env),
        "");
    auto errqueue = [](ast::Expression error) {
      return call(
          "recvmsg",
          {num(3),
           brace({field("msg_iov", 1, iov(100)), field("msg_flags", sym("MSG_ERRQUEUE")),
                  field("msg_control", list({cmsg("SOL_IP", "IP_RECVERR", std::move(error))}))}),
           sym("MSG_ERRQUEUE")},
          num(30));
    };
    const ast::Syscall wrong_code =
        errqueue(extended_error("ECONNREFUSED", "SO_EE_ORIGIN_ICMP", 3, 1, 0, 0));
    EXPECT_EQ(
        failure_of(errqueue(extended_error("ECONNREFUSED", "SO_EE_ORIGIN_ICMP", 3, 3, 0, 0)), env),
        "");
    // A failed recvmsg() leaves msg_flags as the script wrote it.
    EXPECT_EQ(
        failure_of(
            call("recvmsg",
                 {num(3),
                  brace({field("msg_iov", 1, iov(100)), field("msg_flags", sym("MSG_ERRQUEUE")),
                         field("msg_control", list({}))}),
                  sym("MSG_ERRQUEUE")},
                 num(-1), "EAGAIN"),
            env),
        "");
    ASSERT_EQ(
        failure_of(call("sendto", {num(3), dots(), num(30), num(0), dots(), dots()}, num(30)), env),
        "");
    EXPECT_EQ(failure_of(wrong_code, env),
              "recvmsg: Bad code in extended err 0: expected=1 actual=3");
  });
}

TEST_F(MsgCalls, ZerocopyCompletionOnTheErrorQueue) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    env.send_omit_free = true;
    connect_tcp_pair(env);
    ASSERT_EQ(
        failure_of(
            call("setsockopt",
                 {num(4), sym("SOL_SOCKET"), sym("SO_ZEROCOPY"), list({num(1)}), num(4)}, num(0)),
            env),
        "");
    EXPECT_EQ(
        failure_of(call("send", {num(4), dots(), num(4000), sym("MSG_ZEROCOPY")}, num(4000)), env),
        "");
    EXPECT_EQ(env.kept_send_buffers.size(), 1u);
    // Loopback copies the pages, and says so in ee_code.
    EXPECT_EQ(
        failure_of(
            call(
                "recvmsg",
                {num(4),
                 brace({field("msg_iov", 1, iov(0)), field("msg_flags", sym("MSG_ERRQUEUE")),
                        field("msg_control",
                              list({cmsg(
                                  "SOL_IP", "IP_RECVERR",
                                  brace({field("ee_errno", num(0)),
                                         field("ee_origin", sym("SO_EE_ORIGIN_ZEROCOPY")),
                                         field("ee_type", num(0)),
                                         field("ee_code", sym("SO_EE_CODE_ZEROCOPY_COPIED")),
                                         field("ee_info", num(0)), field("ee_data", num(0))}))}))}),
                 sym("MSG_ERRQUEUE")},
                num(0)),
            env),
        "");
  });
}

int64_t wall_usecs() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return now.tv_sec * 1000000 + now.tv_nsec / 1000;
}

TEST_F(MsgCalls, TxTimestampsAreComparedInScriptTime) {
  run_in_netns([] {
    SyscallEnvironment env;
    use_loopback(env);
    const int64_t start = wall_usecs();
    env.script_to_wall_usecs = [start](int64_t script_usecs) { return start + script_usecs; };
    env.tolerance_usecs = 2000000;  // a loaded host; the late case is 10 s off
    connect_tcp_pair(env);
    ASSERT_EQ(
        failure_of(
            call(
                "setsockopt",
                {num(4), sym("SOL_SOCKET"), sym("SO_TIMESTAMPING"),
                 list({bits({sym("SOF_TIMESTAMPING_TX_SOFTWARE"), sym("SOF_TIMESTAMPING_SOFTWARE"),
                             sym("SOF_TIMESTAMPING_OPT_ID"), sym("SOF_TIMESTAMPING_OPT_TSONLY")})}),
                 num(4)},
                num(0)),
            env),
        "");
    ASSERT_EQ(failure_of(call("write", {num(4), dots(), num(100)}, num(100)), env), "");
    auto errqueue = [](int64_t scm_sec) {
      return call("recvmsg",
                  {num(4),
                   brace({field("msg_iov", 1, iov(0)), field("msg_flags", sym("MSG_ERRQUEUE")),
                          field("msg_control",
                                list({cmsg("SOL_SOCKET", "SCM_TIMESTAMPING",
                                           brace({field("scm_sec", num(scm_sec)),
                                                  field("scm_nsec", num(1000))})),
                                      cmsg("SOL_IP", "IP_RECVERR",
                                           extended_error("ENOMSG", "SO_EE_ORIGIN_TIMESTAMPING", 0,
                                                          0, SCM_TSTAMP_SND, 99))}))}),
                   sym("MSG_ERRQUEUE")},
                  num(0));
    };
    const ast::Syscall late = errqueue(10);
    PreparedSyscall late_call = prepare(late, env);
    late_call.invoke();
    try {
      late_call.check(env);
      ADD_FAILURE() << "a timestamp 10 s off passed";
    } catch (const std::exception& error) {
      EXPECT_NE(std::string(error.what()).find("Bad timestamp 0 in scm_timestamping 0"),
                std::string::npos)
          << error.what();
    }
    ASSERT_EQ(failure_of(call("write", {num(4), dots(), num(100)}, num(100)), env), "");
    EXPECT_EQ(failure_of(errqueue(0), env),
              "recvmsg: Bad data in extended err 1: expected=99 actual=199");
  });
}

}  // namespace
}  // namespace tcpdrill::runtime
