#include "runner/script_discovery.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "runner/usage_error.h"
#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using testing::TempDir;

std::vector<std::string> names(const std::vector<Script>& scripts) {
  std::vector<std::string> result;
  for (const Script& script : scripts) result.push_back(script.name);
  return result;
}

TEST(Discovery, FindsScriptsRecursivelySortedAndIgnoresOtherFiles) {
  TempDir dir;
  dir.write("suite/tcp/b/z.pkt", "");
  dir.write("suite/tcp/a.pkt", "");
  dir.write("suite/tcp/b/y.pkt", "");
  dir.write("suite/common/defaults.sh", "");
  dir.write("suite/tcp/notes.txt", "");
  std::filesystem::create_directories(dir.path() / "suite/dir.pkt");  // a directory, not a script
  const auto scripts = discover_scripts({(dir.path() / "suite").string()});
  EXPECT_EQ(names(scripts), (std::vector<std::string>{"tcp/a.pkt", "tcp/b/y.pkt", "tcp/b/z.pkt"}));
  EXPECT_EQ(scripts[0].display_path, dir.path() / "suite/tcp/a.pkt");
  EXPECT_TRUE(scripts[0].absolute_path.is_absolute());
  EXPECT_FALSE(scripts[0].unreadable_reason);
}

TEST(Discovery, SingleFileIsNamedByItsFileName) {
  TempDir dir;
  const auto file = dir.write("x/only.pkt", "--ip_version=ipv6\n");
  const auto scripts = discover_scripts({file.string()});
  ASSERT_EQ(scripts.size(), 1u);
  EXPECT_EQ(scripts[0].name, "only.pkt");
  EXPECT_EQ(scripts[0].pinned, Variant::Ipv6);
}

TEST(Discovery, OverlappingPathsRunAScriptOnce) {
  TempDir dir;
  const auto file = dir.write("s/a.pkt", "");
  dir.write("s/b.pkt", "");
  const auto scripts = discover_scripts({(dir.path() / "s").string(), file.string()});
  EXPECT_EQ(scripts.size(), 2u);
}

TEST(Discovery, DirectoryWithoutScriptsIsAUsageError) {
  TempDir dir;
  dir.write("empty/readme.txt", "");
  try {
    discover_scripts({(dir.path() / "empty").string()});
    FAIL() << "expected UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("no *.pkt scripts under"), std::string::npos);
  }
}

TEST(Discovery, MissingPathIsAUsageError) {
  EXPECT_THROW(discover_scripts({"/nonexistent/tcpdrill/suite"}), MissingPathError);
  EXPECT_THROW(discover_scripts({}), UsageError);
}

TEST(Discovery, UnreadableScriptIsKeptWithTheReason) {
  TempDir dir;
  dir.write("s/good.pkt", "");
  // Root reads any file, so a dangling link stands for "cannot be read".
  std::filesystem::create_symlink(dir.path() / "s/missing-target", dir.path() / "s/lost.pkt");
  const auto scripts = discover_scripts({(dir.path() / "s").string()});
  ASSERT_EQ(scripts.size(), 2u);
  EXPECT_EQ(scripts[1].name, "lost.pkt");
  ASSERT_TRUE(scripts[1].unreadable_reason);
  EXPECT_NE(scripts[1].unreadable_reason->find("No such file"), std::string::npos);
}

// Opening a FIFO blocks until a writer comes: discovery must report it, not wait.
TEST(Discovery, FifoNamedLikeAScriptIsReportedWithoutBeingOpened) {
  TempDir dir;
  dir.write("s/good.pkt", "");
  ASSERT_EQ(::mkfifo((dir.path() / "s/pipe.pkt").c_str(), 0600), 0);
  const auto scripts = discover_scripts({(dir.path() / "s").string()});
  ASSERT_EQ(scripts.size(), 2u);
  EXPECT_EQ(scripts[1].name, "pipe.pkt");
  ASSERT_TRUE(scripts[1].unreadable_reason);
  EXPECT_EQ(*scripts[1].unreadable_reason, (dir.path() / "s/pipe.pkt").string() + " is a FIFO (named pipe), not a regular file");
}

TEST(Discovery, PathThatIsNeitherAScriptNorADirectoryIsAUsageError) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path() / "pipe.pkt").c_str(), 0600), 0);
  try {
    discover_scripts({(dir.path() / "pipe.pkt").string()});
    ADD_FAILURE() << "a FIFO was accepted";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("pipe.pkt is a FIFO (named pipe)"), std::string::npos) << error.what();
  }
  EXPECT_THROW(discover_scripts({"/dev/null"}), UsageError);
}

TEST(Discovery, PlanExpandsVariantsPerScript) {
  TempDir dir;
  dir.write("s/a.pkt", "");
  dir.write("s/b-v6.pkt", "");
  dir.write("s/c.pkt", "--ip_version=ipv4\n");
  const auto cases = plan_test_cases(discover_scripts({(dir.path() / "s").string()}), {});
  std::vector<std::string> labels;
  for (const TestCase& test : cases) labels.push_back(test_case_label(test));
  EXPECT_EQ(labels, (std::vector<std::string>{"a.pkt (ipv4)", "a.pkt (ipv6)",
                                               "a.pkt (ipv4-mapped-ipv6)", "b-v6.pkt (ipv6)",
                                               "c.pkt (ipv4)"}));
}

}  // namespace
}  // namespace tcpdrill::runner
