#include "runtime/syscall/symbol_table.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

const SymbolTable& table() { return SymbolTable::linux_symbols(); }

TEST(SymbolTable, ResolvesNamesFromEachFamily) {
  EXPECT_EQ(table().resolve("SOL_SOCKET"), SOL_SOCKET);
  EXPECT_EQ(table().resolve("SOL_TCP"), 6);
  EXPECT_EQ(table().resolve("TCP_CONGESTION"), 13);
  EXPECT_EQ(table().resolve("MSG_ZEROCOPY"), MSG_ZEROCOPY);
  EXPECT_EQ(table().resolve("POLLRDHUP"), POLLRDHUP);
  EXPECT_EQ(table().resolve("EPOLLET"), static_cast<int64_t>(1u << 31));
  EXPECT_EQ(table().resolve("SOF_TIMESTAMPING_OPT_ID_TCP"), 1 << 16);
  EXPECT_EQ(table().resolve("TCP_NLA_SRTT"), 22);
  EXPECT_EQ(table().resolve("TCP_CA_LOSS"), 4);
  EXPECT_EQ(table().resolve("TCP_CA_Recovery"), 3);
  EXPECT_EQ(table().resolve("TCP_LISTEN"), 10);
  EXPECT_EQ(table().resolve("CAP_NET_RAW"), 13);
  EXPECT_EQ(table().resolve("CAP_SET"), 1);
  EXPECT_EQ(table().resolve("SPLICE_F_MORE"), 4);
  EXPECT_EQ(table().resolve("NULL"), 0);
  EXPECT_EQ(table().resolve("EWOULDBLOCK"), EAGAIN);
  EXPECT_EQ(table().resolve("ERFKILL"), ERFKILL);
}

TEST(SymbolTable, UnknownSymbolIsASyscallError) {
  EXPECT_FALSE(table().find("FOOBAR"));
  try {
    table().resolve("FOOBAR");
    FAIL() << "no error";
  } catch (const SyscallError& error) {
    EXPECT_STREQ(error.what(), "unknown symbol: 'FOOBAR'");
  }
}

TEST(SymbolTable, ErrnoNamesPreferTheFirstSpelling) {
  EXPECT_EQ(errno_name(EAGAIN), "EAGAIN");
  EXPECT_EQ(errno_name(EDEADLK), "EDEADLK");
  EXPECT_EQ(errno_name(ENOENT), "ENOENT");
  EXPECT_EQ(errno_name(9999), "9999");
  EXPECT_EQ(errno_text(EPROTONOSUPPORT), "Protocol not supported");
}

TEST(SymbolTable, EventMasksPrintSymbolically) {
  EXPECT_EQ(poll_events_text(POLLIN | POLLOUT), "POLLIN|POLLOUT");
  EXPECT_EQ(poll_events_text(0), "");
  EXPECT_EQ(poll_events_text(POLLHUP | 0x10000), "POLLHUP|0x10000");
  EXPECT_EQ(epoll_events_text(EPOLLIN | EPOLLET), "EPOLLIN|EPOLLET");
}

}  // namespace
}  // namespace tcpdrill::runtime
