#include "runtime/assertion_evaluator.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace tcpdrill::runtime {
namespace {

using ast::AssertOperator;

ast::AssertExpression leaf(std::variant<int64_t, std::string> value) {
  ast::AssertExpression expression;
  std::visit([&](auto v) { expression.node = v; }, value);
  return expression;
}

ast::AssertExpression binary(AssertOperator op, ast::AssertExpression left, ast::AssertExpression right) {
  return {{}, ast::AssertBinary{op, std::move(left), std::move(right)}};
}

// A TCP_INFO image of the 6.18 size with a few fields set.
TcpInfoSnapshot snapshot(uint32_t cwnd, uint8_t ca_state, size_t length = 280) {
  std::vector<uint8_t> bytes(length, 0);
  std::memcpy(&bytes[80], &cwnd, 4);  // tcpi_snd_cwnd
  bytes[1] = ca_state;                // tcpi_ca_state
  bytes[6] = 0x87;                    // tcpi_snd_wscale 7, tcpi_rcv_wscale 8
  return TcpInfoSnapshot::from_bytes(bytes);
}

TEST(TcpInfoSnapshotTest, ReadsWholeFieldsAndBitFields) {
  const TcpInfoSnapshot info = snapshot(10, 3);
  EXPECT_EQ(info.value("tcpi_snd_cwnd"), 10u);
  EXPECT_EQ(info.value("tcpi_ca_state"), 3u);
  EXPECT_EQ(info.value("tcpi_snd_wscale"), 7u);
  EXPECT_EQ(info.value("tcpi_rcv_wscale"), 8u);
  EXPECT_FALSE(info.value("tcpi_bogus"));
}

TEST(TcpInfoSnapshotTest, FieldsBeyondWhatTheKernelReturnedHaveNoValue) {
  const TcpInfoSnapshot info = snapshot(10, 0, 232);  // a 6.1 kernel stops after tcpi_snd_wnd
  EXPECT_TRUE(info.value("tcpi_snd_wnd"));
  EXPECT_FALSE(info.value("tcpi_total_rto"));
}

TEST(AssertionTest, HoldingAssertionGivesNothing) {
  const ast::Assertion holds{binary(AssertOperator::Equal, leaf("tcpi_snd_cwnd"), leaf(int64_t{10})),
                             "tcpi_snd_cwnd == 10"};
  EXPECT_FALSE(check_assertion(holds, snapshot(10, 0)));
}

TEST(AssertionTest, FailureShowsTheExpressionAndEveryFieldRead) {
  const ast::Assertion fails{
      binary(AssertOperator::LogicalAnd,
             binary(AssertOperator::Equal, leaf("tcpi_ca_state"), leaf("TCP_CA_Recovery")),
             binary(AssertOperator::Equal, leaf("tcpi_snd_cwnd"), leaf(int64_t{10}))),
      "tcpi_ca_state == TCP_CA_Recovery && tcpi_snd_cwnd == 10"};
  const auto failure = check_assertion(fails, snapshot(7, 3));
  ASSERT_TRUE(failure);
  EXPECT_EQ(*failure,
            "assertion failed: tcpi_ca_state == TCP_CA_Recovery && tcpi_snd_cwnd == 10 "
            "(tcpi_ca_state = 3, tcpi_snd_cwnd = 7)");
}

TEST(AssertionTest, ArithmeticAndNegationFollowC) {
  const ast::Assertion holds{
      binary(AssertOperator::GreaterEqual,
             binary(AssertOperator::Modulo, leaf("tcpi_snd_cwnd"), leaf(int64_t{4})),
             {{}, ast::AssertUnary{ast::AssertUnary::Operator::Negate, leaf(int64_t{1})}}),
      "tcpi_snd_cwnd % 4 >= -1"};
  EXPECT_FALSE(check_assertion(holds, snapshot(10, 0)));
}

TEST(AssertionTest, UnknownNamesAndDivisionByZeroAreErrors) {
  const ast::Assertion unknown{binary(AssertOperator::Equal, leaf("cwnd"), leaf(int64_t{1})), "cwnd == 1"};
  EXPECT_THROW(check_assertion(unknown, snapshot(1, 0)), AssertionError);
  const ast::Assertion divide{binary(AssertOperator::Divide, leaf(int64_t{1}), leaf(int64_t{0})), "1 / 0"};
  EXPECT_THROW(check_assertion(divide, snapshot(1, 0)), AssertionError);
}

TEST(AssertionTest, ShortCircuitSkipsTheRightHandSide) {
  const ast::Assertion guarded{
      binary(AssertOperator::LogicalOr, leaf(int64_t{1}), leaf("no_such_field")), "1 || no_such_field"};
  EXPECT_FALSE(check_assertion(guarded, snapshot(1, 0)));
}

}  // namespace
}  // namespace tcpdrill::runtime
