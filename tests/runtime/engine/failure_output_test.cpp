#include "runtime/packet_failure_text.h"

#include <gtest/gtest.h>

namespace tcpdrill::runtime {
namespace {

packet::MatchResult window_mismatch() {
  packet::MatchResult result;
  result.mismatches.push_back({"tcp_window", "100", "63"});
  result.script_dump = "P. 1:1001(1000) ack 1 win 100";
  result.actual_dump = "P. 1:1001(1000) ack 1 win 63";
  return result;
}

TEST(OutboundFailureTextTest, ShowsBothPacketsAndEachFieldSideBySide) {
  EXPECT_EQ(outbound_failure_text(window_mismatch(), 200'000, 201'025, std::nullopt),
            "outbound packet does not match\n"
            "  script:  0.200000 P. 1:1001(1000) ack 1 win 100\n"
            "  actual:  0.201025 P. 1:1001(1000) ack 1 win 63\n"
            "  tcp_window: expected 100, got 63");
}

TEST(OutboundFailureTextTest, TimingOnlyFailureLeadsWithTheTimingError) {
  packet::MatchResult result;
  result.script_dump = "S. 0:0(0) ack 1";
  result.actual_dump = "S. 0:0(0) ack 1";
  const std::string text = outbound_failure_text(result, 100'000, 20'000, std::string("timing error: x"));
  EXPECT_EQ(text, "timing error: x\n  script:  0.100000 S. 0:0(0) ack 1\n  actual:  0.020000 S. 0:0(0) ack 1");
}

TEST(OutboundFailureTextTest, ProblemsAndTimingFollowTheFields) {
  packet::MatchResult result = window_mismatch();
  result.problems.push_back("bad outbound TCP options");
  const std::string text = outbound_failure_text(result, 0, 0, std::string("timing error: y"));
  EXPECT_NE(text.find("tcp_window: expected 100, got 63\n  bad outbound TCP options\n  timing error: y"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace tcpdrill::runtime
