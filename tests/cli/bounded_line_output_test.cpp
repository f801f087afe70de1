#include "cli/bounded_line_output.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tcpdrill::cli {
namespace {

TEST(BoundedLineOutput, PassesOrdinaryLinesThrough) {
  std::ostringstream target;
  {
    BoundedLineOutput out(target);
    out << "inbound injected packet: 0.100 S 0:0(0) win 32792\n" << "tail without newline";
  }
  EXPECT_EQ(target.str(), "inbound injected packet: 0.100 S 0:0(0) win 32792\ntail without newline");
}

TEST(BoundedLineOutput, EscapesControlBytesAndBoundsEachLine) {
  std::ostringstream target;
  {
    BoundedLineOutput out(target);
    out << "name \x1b[31m\n" << std::string(1'000'000, 'z') << "\nnext\n";
  }
  const std::string text = target.str();
  EXPECT_EQ(text.substr(0, text.find('\n') + 1), "name \\x1b[31m\n");
  EXPECT_LT(text.size(), 400u);
  EXPECT_NE(text.find("z…z"), std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 5), "next\n");
}

}  // namespace
}  // namespace tcpdrill::cli
