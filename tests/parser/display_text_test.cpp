#include "parser/display_text.h"

#include <gtest/gtest.h>

namespace tcpdrill {
namespace {

TEST(EscapeControlBytes, ShowsControlAndInvalidBytesAsHexKeepsTextTabsAndNewlines) {
  EXPECT_EQ(escape_control_bytes(std::string("a\x1b[31m\0b\tc\n", 11)), "a\\x1b[31m\\x00b\tc\n");
  EXPECT_EQ(escape_control_bytes("\x7f"), "\\x7f");
  EXPECT_EQ(escape_control_bytes("\xc2\x9b"), "\\xc2\\x9b");  // C1 CSI, encoded
  EXPECT_EQ(escape_control_bytes("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(escape_control_bytes("注意 ok"), "注意 ok");
}

TEST(BoundedLine, ShortLinesStayWhole) { EXPECT_EQ(bounded_line("short"), "short"); }

TEST(BoundedLine, LongLineKeepsItsStartAndEndAroundAnEllipsis) {
  const std::string line = "unknown TCP option '" + std::string(5'000'000, 'b') + "'";
  const std::string shown = bounded_line(line, 40);
  EXPECT_EQ(shown, "unknown TCP option 'bbbbbbbbb…bbbbbbbbb'");
}

TEST(BoundedLine, EscapesCountTheirFourColumns) {
  const std::string shown = bounded_line(std::string(100, '\x01'), 40);
  EXPECT_EQ(shown.size(), 7 * 4 + std::string("…").size() + 2 * 4);
}

}  // namespace
}  // namespace tcpdrill
