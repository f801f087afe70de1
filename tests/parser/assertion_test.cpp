#include <gtest/gtest.h>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

using ast::AssertBinary;
using ast::AssertOperator;
using ast::AssertUnary;

ast::Assertion assertion(std::string_view condition) {
  return second_action<ast::Assertion>("+0 assert " + std::string(condition));
}

const AssertBinary& binary(const ast::AssertExpression& expression) {
  return std::get<AssertBinary>(expression.node);
}

TEST(Assertion, TextIsTheConditionAsWritten) {
  EXPECT_EQ(assertion("tcpi_snd_cwnd == 10 && tcpi_reordering >= 3  // why").text,
            "tcpi_snd_cwnd == 10 && tcpi_reordering >= 3");
}

TEST(Assertion, AndBindsTighterThanOr) {
  ast::Assertion a = assertion("a == 1 || b == 2 && c == 3");
  const AssertBinary& top = binary(a.condition);
  EXPECT_EQ(top.op, AssertOperator::LogicalOr);
  EXPECT_EQ(binary(*top.right).op, AssertOperator::LogicalAnd);
}

TEST(Assertion, ArithmeticPrecedenceAndLiterals) {
  ast::Assertion a = assertion("tcpi_snd_cwnd * 2 + 1 <= 0x15");
  const AssertBinary& compare = binary(a.condition);
  EXPECT_EQ(compare.op, AssertOperator::LessEqual);
  EXPECT_EQ(std::get<int64_t>(compare.right->node), 0x15);
  const AssertBinary& sum = binary(*compare.left);
  EXPECT_EQ(sum.op, AssertOperator::Add);
  EXPECT_EQ(binary(*sum.left).op, AssertOperator::Multiply);
  EXPECT_EQ(std::get<std::string>(binary(*sum.left).left->node), "tcpi_snd_cwnd");
}

TEST(Assertion, SubtractionIsLeftAssociative) {
  ast::Assertion a = assertion("10 - 3 - 2 == 5");
  const AssertBinary& outer = binary(*binary(a.condition).left);
  EXPECT_EQ(outer.op, AssertOperator::Subtract);
  EXPECT_EQ(std::get<int64_t>(outer.right->node), 2);
}

TEST(Assertion, UnaryOperatorsAndParentheses) {
  ast::Assertion a = assertion("!(tcpi_ca_state == TCP_CA_Recovery) && -x < 0");
  const AssertBinary& top = binary(a.condition);
  EXPECT_EQ(std::get<AssertUnary>(top.left->node).op, AssertUnary::Operator::Not);
  EXPECT_EQ(std::get<AssertUnary>(binary(*top.right).left->node).op, AssertUnary::Operator::Negate);
}

TEST(Assertion, AllComparisonAndModuloOperators) {
  EXPECT_EQ(binary(assertion("a != b").condition).op, AssertOperator::NotEqual);
  EXPECT_EQ(binary(assertion("a < b").condition).op, AssertOperator::Less);
  EXPECT_EQ(binary(assertion("a > b").condition).op, AssertOperator::Greater);
  EXPECT_EQ(binary(assertion("a / b").condition).op, AssertOperator::Divide);
  EXPECT_EQ(binary(assertion("a % b").condition).op, AssertOperator::Modulo);
}

TEST(Assertion, ConditionEndsAtEndOfLine) {
  ast::Script script = parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 assert x == 1\n+0 close(3) = 0\n");
  EXPECT_EQ(script.statements.size(), 3u);
}

TEST(Assertion, LocationsPointIntoTheLine) {
  ast::Assertion a = assertion("tcpi_rto  >= 200000");
  EXPECT_EQ(a.condition.location, (SourceLocation{2, 21}));
  EXPECT_EQ(binary(a.condition).left->location, (SourceLocation{2, 11}));
}

}  // namespace
}  // namespace tcpdrill::test
