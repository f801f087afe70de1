#include <gtest/gtest.h>

#include "runner/report_file.h"
#include "runner/run_info.h"
#include "runner/text_sanitize.h"
#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using testing::read_file;
using testing::TempDir;

TEST(SanitizeText, KeepsValidUtf8TabsAndNewlines) {
  EXPECT_EQ(sanitize_text("a\tb\nc \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), "a\tb\nc \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

TEST(SanitizeText, ReplacesInvalidSequencesAndDropsControls) {
  EXPECT_EQ(sanitize_text("\x01x\r\x7f"), "x\x7f");
  EXPECT_EQ(sanitize_text("\xff\xc3"), "??");          // stray byte, truncated sequence
  EXPECT_EQ(sanitize_text("\xc0\xaf"), "??");          // overlong
  EXPECT_EQ(sanitize_text("\xed\xa0\x80"), "???");     // surrogate
  EXPECT_EQ(sanitize_text("\xef\xbf\xbe"), "???");     // U+FFFE is no XML character
}

TEST(RunInfo, Iso8601Utc) {
  EXPECT_EQ(iso8601_utc(std::chrono::system_clock::from_time_t(0)), "1970-01-01T00:00:00Z");
}

TEST(RunInfo, CollectsHostFacts) {
  const RunInfo info = collect_run_info();
  EXPECT_FALSE(info.kernel_release.empty());
  EXPECT_EQ(info.tcpdrill_version, tcpdrill_version());
  EXPECT_GT(info.start_time.time_since_epoch().count(), 0);
}

TEST(ReportFile, WritesAndReplacesWithoutLeavingTemporaries) {
  TempDir dir;
  const auto file = dir.path() / "deep/er/report.txt";
  write_report_file(file, [](std::ostream& out) { out << "first"; });
  write_report_file(file, [](std::ostream& out) { out << "second"; });
  EXPECT_EQ(read_file(file), "second");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(file.parent_path())) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST(ReportFile, UnwritablePathThrowsNamingTheFile) {
  TempDir dir;
  dir.write("plain", "");
  try {
    write_report_file(dir.path() / "plain/report.txt", [](std::ostream& out) { out << "x"; });
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("plain/report.txt"), std::string::npos);
  }
}

}  // namespace
}  // namespace tcpdrill::runner
