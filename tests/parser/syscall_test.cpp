#include <gtest/gtest.h>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

ast::Syscall syscall(std::string_view line) { return second_action<ast::Syscall>(line); }

template <typename T>
const T& as(const ast::Expression& expression) {
  return std::get<T>(expression.value);
}

TEST(Syscall, NameArgumentsAndResult) {
  ast::Syscall call = syscall("+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
  EXPECT_EQ(call.name, "setsockopt");
  ASSERT_EQ(call.arguments.size(), 5u);
  EXPECT_EQ(as<ast::IntegerLiteral>(call.arguments[0]).value, 3);
  EXPECT_EQ(as<ast::Symbol>(call.arguments[1]).name, "SOL_SOCKET");
  const auto& list = as<ast::ExpressionList>(call.arguments[3]);
  EXPECT_EQ(list.bracket, ast::ExpressionList::Bracket::Square);
  EXPECT_EQ(as<ast::IntegerLiteral>(list.elements.at(0)).value, 1);
  EXPECT_EQ(as<ast::IntegerLiteral>(call.result).value, 0);
}

TEST(Syscall, EllipsisArguments) {
  ast::Syscall call = syscall("+0 bind(3, ..., ...) = 0");
  EXPECT_TRUE(std::holds_alternative<ast::Ellipsis>(call.arguments[1].value));
}

TEST(Syscall, NoArguments) { EXPECT_TRUE(syscall("+0 getpid() = 1").arguments.empty()); }

TEST(Syscall, ErrnoAndNote) {
  ast::Syscall call = syscall("+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)");
  EXPECT_EQ(as<ast::IntegerLiteral>(call.result).value, -1);
  EXPECT_EQ(call.errno_name, "EINPROGRESS");
  EXPECT_EQ(call.note, "Operation now in progress");
}

TEST(Syscall, NoteAloneMayHoldKeywords) {
  ast::Syscall call = syscall("+0 fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)");
  EXPECT_FALSE(call.errno_name);
  EXPECT_EQ(call.note, "flags O_RDWR");
  EXPECT_TRUE(as<ast::IntegerLiteral>(call.result).hex);
}

TEST(Syscall, BitwiseOrIsFlat) {
  ast::Syscall call = syscall("+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK|O_APPEND) = 0");
  EXPECT_EQ(as<ast::BitwiseOr>(call.arguments[2]).operands.size(), 3u);
}

TEST(Syscall, SymbolicResultWithOr) {
  ast::Syscall call = syscall("+0 fcntl(3, F_GETFL) = O_RDWR|O_NONBLOCK");
  EXPECT_EQ(as<ast::BitwiseOr>(call.result).operands.size(), 2u);
}

TEST(Syscall, StringsConcatenateAndTrailingEllipsisIsDropped) {
  ast::Syscall call = syscall("+0 setsockopt(3, SOL_TCP, TCP_CONGESTION, \"cu\" \"bic\"..., 5) = 0");
  EXPECT_EQ(as<ast::StringLiteral>(call.arguments[3]).bytes, "cubic");
}

TEST(Syscall, SockaddrWithFunctionCalls) {
  ast::Syscall call = syscall(
      "+0 connect(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"1.2.3.4\")}, 16) = 0");
  const auto& fields = as<ast::ExpressionList>(call.arguments[1]).elements;
  ASSERT_EQ(fields.size(), 3u);
  const auto& port = as<ast::NamedField>(fields[1]);
  EXPECT_EQ(port.name, "sin_port");
  const auto& htons = as<ast::FunctionCall>(*port.value);
  EXPECT_EQ(htons.name, "htons");
  EXPECT_EQ(as<ast::IntegerLiteral>(htons.arguments.at(0)).value, 8080);
  const auto& address = as<ast::FunctionCall>(*as<ast::NamedField>(fields[2]).value);
  EXPECT_EQ(as<ast::StringLiteral>(address.arguments.at(0)).bytes, "1.2.3.4");
}

TEST(Syscall, MsghdrWithCountedFields) {
  ast::Syscall call = syscall(
      "+0 recvmsg(3, {msg_name(...)=..., msg_iov(1)=[{..., 1000}], msg_flags=0,\n"
      "   msg_control=[{cmsg_level=SOL_TCP, cmsg_type=TCP_CM_INQ, cmsg_data=9000}]}, 0) = 1000");
  const auto& fields = as<ast::ExpressionList>(call.arguments[1]).elements;
  ASSERT_EQ(fields.size(), 4u);
  const auto& name = as<ast::NamedField>(fields[0]);
  EXPECT_EQ(name.name, "msg_name");
  EXPECT_FALSE(name.count);
  const auto& iov = as<ast::NamedField>(fields[1]);
  EXPECT_EQ(iov.name, "msg_iov");
  EXPECT_EQ(iov.count, 1);
  const auto& iovec = as<ast::ExpressionList>(as<ast::ExpressionList>(*iov.value).elements.at(0));
  EXPECT_EQ(iovec.bracket, ast::ExpressionList::Bracket::Brace);
  EXPECT_TRUE(std::holds_alternative<ast::Ellipsis>(iovec.elements.at(0).value));
}

TEST(Syscall, PollAndEpollStructs) {
  ast::Syscall poll = syscall("+0 poll([{fd=3, events=POLLIN|POLLOUT, revents=POLLOUT}], 1, 0) = 1");
  const auto& pollfd = as<ast::ExpressionList>(as<ast::ExpressionList>(poll.arguments[0]).elements.at(0));
  EXPECT_EQ(as<ast::NamedField>(pollfd.elements.at(2)).name, "revents");
  ast::Syscall epoll = syscall("+0 epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN, fd=3}) = 0");
  EXPECT_EQ(as<ast::NamedField>(as<ast::ExpressionList>(epoll.arguments[3]).elements.at(1)).name, "fd");
}

TEST(Syscall, MplsStackValue) {
  ast::Syscall call = syscall("+0 setsockopt(3, SOL_IP, 99, {(label 5, tc 1, [S], ttl 2)}, 4) = 0");
  EXPECT_EQ(as<ast::MplsLabelStack>(call.arguments[3]).entries,
            (std::vector<ast::MplsLabelEntry>{{5, 1, true, 2}}));
}

TEST(Syscall, GreHeaderValue) {
  ast::Syscall call = syscall("+0 getsockopt(3, SOL_IP, 98, {flags 0x2000, sum 0, off 0, key 5, seq 0}, [16]) = 0");
  EXPECT_EQ(as<ast::GreHeader>(call.arguments[3]), (ast::GreHeader{0x2000, 0, 0, 5, 0}));
}

TEST(Syscall, NegativeAndHexIntegers) {
  ast::Syscall call = syscall("+0 ioctl(3, 0x541B, [-5]) = 0");
  EXPECT_EQ(as<ast::IntegerLiteral>(call.arguments[1]).value, 0x541B);
  EXPECT_TRUE(as<ast::IntegerLiteral>(call.arguments[1]).hex);
  EXPECT_EQ(as<ast::IntegerLiteral>(as<ast::ExpressionList>(call.arguments[2]).elements.at(0)).value, -5);
}

TEST(Syscall, NlaNamedValues) {
  ast::Syscall call = syscall("+0 recvmsg(4, {msg_control=[{cmsg_data={TCP_NLA_BUSY=..., TCP_NLA_CWND=10}}]}, 0) = 0");
  EXPECT_EQ(call.name, "recvmsg");
}

TEST(Syscall, ExpressionLocations) {
  ast::Syscall call = syscall("+0 write(4, ..., 1000) = 1000");
  EXPECT_EQ(call.arguments[2].location, (SourceLocation{2, 18}));
  EXPECT_EQ(call.result.location, (SourceLocation{2, 26}));
}

}  // namespace
}  // namespace tcpdrill::test
