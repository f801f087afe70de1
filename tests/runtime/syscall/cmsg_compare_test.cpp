#include <gtest/gtest.h>
#include <linux/netlink.h>
#include <linux/tcp.h>

#include <cstring>

#include "runtime/syscall/msghdr.h"
#include "runtime/syscall/syscall_error.h"
#include "tests/runtime/syscall/syscall_test_support.h"

namespace tcpdrill::runtime {
namespace {

using namespace testing;

// An OPT_STATS control message as the kernel would return it.
class StatsMessage {
 public:
  template <typename T>
  StatsMessage& add(uint16_t type, T value) {
    nlattr header{static_cast<uint16_t>(NLA_HDRLEN + sizeof(T)), type};
    append(&header, sizeof header);
    append(&value, sizeof value);
    payload_.resize(NLA_ALIGN(payload_.size()), 0);
    return *this;
  }
  const msghdr& finish() {
    control_.assign(CMSG_SPACE(payload_.size()) / 8 + 1, 0);
    header_.msg_control = control_.data();
    header_.msg_controllen = CMSG_SPACE(payload_.size());
    cmsghdr* cmsg = CMSG_FIRSTHDR(&header_);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_TIMESTAMPING_OPT_STATS;
    cmsg->cmsg_len = CMSG_LEN(payload_.size());
    std::memcpy(CMSG_DATA(cmsg), payload_.data(), payload_.size());
    return header_;
  }

 private:
  void append(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    payload_.insert(payload_.end(), bytes, bytes + size);
  }
  std::vector<unsigned char> payload_;
  std::vector<uint64_t> control_;
  msghdr header_{};
};

std::vector<CmsgSpec> expect_stats(std::vector<ast::Expression> nlas) {
  ast::Expression message = brace(
      {field("msg_iov", 1, list({brace({dots(), num(0)})})), field("msg_flags", num(0)),
       field("msg_control", list({brace({field("cmsg_level", sym("SOL_SOCKET")),
                                         field("cmsg_type", sym("SCM_TIMESTAMPING_OPT_STATS")),
                                         field("cmsg_data", brace(std::move(nlas)))})}))});
  return parse_message(message).control;
}

std::string compare_error(const std::vector<CmsgSpec>& expected, const msghdr& actual) {
  SyscallEnvironment env;
  env.tolerance_usecs = 1000;
  try {
    compare_cmsgs(expected, actual, env);
  } catch (const SyscallError& error) {
    return error.what();
  }
  return "";
}

StatsMessage kernel_stats() {
  StatsMessage stats;
  stats.add<uint64_t>(TCP_NLA_BUSY, 5000)
      .add<uint64_t>(TCP_NLA_DATA_SEGS_OUT, 3)
      .add<uint32_t>(TCP_NLA_SND_CWND, 10)
      .add<uint8_t>(TCP_NLA_CA_STATE, 0);
  return stats;
}

TEST(CmsgCompare, OptStatsMatchWithToleranceAndEllipsis) {
  StatsMessage stats = kernel_stats();
  const auto expected = expect_stats(
      {field("TCP_NLA_BUSY", num(5600)), field("TCP_NLA_DATA_SEGS_OUT", num(3)),
       field("TCP_NLA_SND_CWND", dots()), field("TCP_NLA_CA_STATE", sym("TCP_CA_OPEN"))});
  EXPECT_EQ(compare_error(expected, stats.finish()), "");
}

TEST(CmsgCompare, OptStatsMismatches) {
  StatsMessage stats = kernel_stats();
  const msghdr& actual = stats.finish();
  EXPECT_EQ(
      compare_error(
          expect_stats({field("TCP_NLA_BUSY", num(7000)), field("TCP_NLA_DATA_SEGS_OUT", num(3)),
                        field("TCP_NLA_SND_CWND", num(10)), field("TCP_NLA_CA_STATE", num(0))}),
          actual),
      "Bad TCP_NLA_BUSY: expected=7000 actual=5000");
  EXPECT_EQ(
      compare_error(
          expect_stats({field("TCP_NLA_BUSY", dots()), field("TCP_NLA_DATA_SEGS_OUT", num(3)),
                        field("TCP_NLA_SND_CWND", num(11)), field("TCP_NLA_CA_STATE", num(0))}),
          actual),
      "Bad TCP_NLA_SND_CWND: expected=11 actual=10");
  EXPECT_EQ(
      compare_error(
          expect_stats({field("TCP_NLA_BUSY", dots()), field("TCP_NLA_TOTAL_RETRANS", num(3)),
                        field("TCP_NLA_SND_CWND", num(10)), field("TCP_NLA_CA_STATE", num(0))}),
          actual),
      "Bad nla_type 0: expected=5 actual=4");
  EXPECT_EQ(compare_error(expect_stats({field("TCP_NLA_BUSY", dots())}), actual),
            "Bad len in cmsg 0: expected=28 actual=56");
}

TEST(CmsgCompare, ZeroDurationsAreExact) {
  StatsMessage stats;
  stats.add<uint64_t>(TCP_NLA_RWND_LIMITED, 300);
  EXPECT_EQ(compare_error(expect_stats({field("TCP_NLA_RWND_LIMITED", num(0))}), stats.finish()),
            "Bad TCP_NLA_RWND_LIMITED: expected=0 actual=300");
}

TEST(CmsgCompare, CountsOfCmsgs) {
  StatsMessage stats = kernel_stats();
  const msghdr& actual = stats.finish();
  EXPECT_EQ(compare_error({}, actual), "received more than 0 cmsgs");
  msghdr empty{};
  EXPECT_EQ(compare_error(expect_stats({field("TCP_NLA_BUSY", dots())}), empty),
            "received only 0 cmsgs");
}

TEST(CmsgCompare, UnknownNlaNameOrType) {
  EXPECT_THROW(expect_stats({field("TCP_NLA_NOPE", num(1))}), SyscallError);
  EXPECT_THROW(expect_stats({field("SO_ZEROCOPY", num(1))}), SyscallError);
}

}  // namespace
}  // namespace tcpdrill::runtime
