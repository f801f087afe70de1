#include <gtest/gtest.h>

#include "parse_test_support.h"
#include "parser/kernel_guard.h"

namespace tcpdrill::test {
namespace {

using Op = ast::KernelComparison::Operator;

constexpr std::string_view kGuardedScript =
    "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
    "@if kernel >= 6.5 {\n"
    "  +0 close(65) = 0\n"
    "} @elif kernel >= 5.10 && kernel < 6.0 || kernel == 4.19.1 {\n"
    "  +0 close(510) = 0\n"
    "  @if kernel != 5.15 { +0 close(515) = 0 }\n"
    "} @else {\n"
    "  +0 close(0) = 0\n"
    "}\n"
    "+0 close(3) = 0\n";

std::vector<int64_t> closed_fds(const ast::KernelVersion& kernel) {
  ast::Script script = parse(kGuardedScript);
  std::vector<int64_t> fds;
  for (const ast::Event* event : select_events(script, kernel)) {
    const auto& call = std::get<ast::Syscall>(event->action);
    if (call.name == "close") fds.push_back(std::get<ast::IntegerLiteral>(call.arguments[0].value).value);
  }
  return fds;
}

TEST(KernelGuard, ParsesBranchesAndPredicates) {
  ast::Script script = parse(kGuardedScript);
  ASSERT_EQ(script.statements.size(), 3u);
  const auto& guard = *std::get<Box<ast::KernelGuard>>(script.statements[1].value);
  ASSERT_EQ(guard.branches.size(), 3u);
  EXPECT_EQ(guard.branches[0].location, (SourceLocation{2, 1}));
  EXPECT_EQ(guard.branches[0].condition->any_of_all_of,
            (std::vector<std::vector<ast::KernelComparison>>{{{Op::GreaterEqual, {6, 5, 0}}}}));
  EXPECT_EQ(guard.branches[1].condition->any_of_all_of,
            (std::vector<std::vector<ast::KernelComparison>>{
                {{Op::GreaterEqual, {5, 10, 0}}, {Op::Less, {6, 0, 0}}}, {{Op::Equal, {4, 19, 1}}}}));
  EXPECT_FALSE(guard.branches[2].condition);
  EXPECT_EQ(guard.branches[1].body.size(), 2u);
}

TEST(KernelGuard, SelectsFirstMatchingBranch) {
  EXPECT_EQ(closed_fds({6, 8, 0}), (std::vector<int64_t>{65, 3}));
  EXPECT_EQ(closed_fds({5, 10, 0}), (std::vector<int64_t>{510, 515, 3}));
  EXPECT_EQ(closed_fds({5, 15, 0}), (std::vector<int64_t>{510, 3}));
  EXPECT_EQ(closed_fds({4, 19, 1}), (std::vector<int64_t>{510, 515, 3}));
  EXPECT_EQ(closed_fds({6, 1, 0}), (std::vector<int64_t>{0, 3}));
}

TEST(KernelGuard, ParseKernelRelease) {
  EXPECT_EQ(parse_kernel_release("6.1.0-47-cloud-amd64"), (ast::KernelVersion{6, 1, 0}));
  EXPECT_EQ(parse_kernel_release("5.10"), (ast::KernelVersion{5, 10, 0}));
  EXPECT_EQ(parse_kernel_release("6.18.3+"), (ast::KernelVersion{6, 18, 3}));
  EXPECT_THROW(parse_kernel_release("linux"), std::invalid_argument);
  EXPECT_THROW(parse_kernel_release("6"), std::invalid_argument);
}

TEST(KernelGuard, KernelMatchesIsDisjunctionOfConjunctions) {
  ast::KernelPredicate predicate{{{{Op::GreaterEqual, {5, 0, 0}}, {Op::Less, {6, 0, 0}}},
                                  {{Op::Equal, {6, 6, 0}}}}};
  EXPECT_TRUE(kernel_matches(predicate, {5, 4, 0}));
  EXPECT_TRUE(kernel_matches(predicate, {6, 6, 0}));
  EXPECT_FALSE(kernel_matches(predicate, {6, 5, 0}));
  EXPECT_FALSE(kernel_matches(predicate, {4, 19, 0}));
}

TEST(KernelGuard, EmptyBodyIsAllowed) {
  ast::Script script = parse("0 close(3) = 0\n@if kernel < 4.0 { }\n");
  EXPECT_TRUE(select_events(script, {3, 10, 0}).size() == 1);
}

TEST(KernelGuard, TimelineIsCheckedOnEveryPath) {
  ScriptError error = parse_error(
      "0 close(3) = 0\n"
      "@if kernel >= 6.0 { 2 close(4) = 0 }\n"
      "1 close(5) = 0\n");
  EXPECT_EQ(error.where(), (SourceLocation{3, 1}));
  EXPECT_STREQ(error.what(), "time goes backward in script from 2000000 usec to 1000000 usec");
}

TEST(KernelGuard, FirstEventMayBeInsideAGuard) {
  ScriptError error = parse_error("@if kernel >= 6.0 { 0 close(4) = 0 } @else { 1 close(4) = 0 }\n");
  EXPECT_EQ(error.where(), (SourceLocation{1, 46}));
  EXPECT_STREQ(error.what(), "first event should be at time 0");
}

}  // namespace
}  // namespace tcpdrill::test
