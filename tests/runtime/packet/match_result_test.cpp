#include "runtime/packet/match_result.h"

#include <gtest/gtest.h>

namespace tcpdrill::runtime::packet {
namespace {

TEST(MatchResult, CheckRecordsOnlyDifferences) {
  MatchResult result;
  result.check("tcp_window", 100, 100);
  EXPECT_TRUE(result.matched());
  result.check("tcp_window", 100, 63);
  EXPECT_FALSE(result.matched());
  EXPECT_EQ(result.mismatches, (std::vector<FieldMismatch>{{"tcp_window", "100", "63"}}));
}

TEST(MatchResult, DescribeListsFieldsWithHexThenProblems) {
  MatchResult result;
  result.problems.push_back("bad outbound TCP options");
  result.check("tcp_window", 100, 63);
  result.mismatches.push_back({"ip_ecn", "0x1 or 0x2", "0"});
  EXPECT_EQ(result.describe(),
            "live packet field tcp_window: expected: 100 (0x64) vs actual: 63 (0x3f)\n"
            "live packet field ip_ecn: expected: 0x1 or 0x2 vs actual: 0 (0x0)\n"
            "bad outbound TCP options");
}

TEST(MatchResult, ProblemAloneIsAFailure) {
  MatchResult result;
  result.problems.push_back("incorrect outbound data payload");
  EXPECT_FALSE(result.matched());
}

TEST(PacketMismatch, CarriesTheResultAndDescribesIt) {
  MatchResult result;
  result.check("tcp_seq", 1, 2);
  result.script_dump = "script";
  const PacketMismatch error(result);
  EXPECT_STREQ(error.what(), "live packet field tcp_seq: expected: 1 (0x1) vs actual: 2 (0x2)");
  EXPECT_EQ(error.result().script_dump, "script");
  const PacketError& base = error;
  EXPECT_NE(std::string(base.what()).find("tcp_seq"), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::runtime::packet
