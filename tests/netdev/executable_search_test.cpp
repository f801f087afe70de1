#include "netdev/executable_search.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "tests/runner/temp_dir.h"

namespace tcpdrill::netdev {
namespace {

namespace fs = std::filesystem;
using runner::testing::TempDir;

fs::path make_file(const TempDir& dir, const std::string& name, bool executable) {
  const fs::path file = dir.write(name, "#!/bin/sh\n");
  ::chmod(file.c_str(), executable ? 0755 : 0644);
  return file;
}

TEST(FindExecutableTest, TakesTheFirstDirectoryWithAnExecutableOfThatName) {
  const TempDir first, second, third;
  make_file(first, "tool", false);
  const fs::path wanted = make_file(second, "tool", true);
  make_file(third, "tool", true);
  const std::string path = first.path().string() + ":" + second.path().string() + ":" + third.path().string();
  EXPECT_EQ(find_executable("tool", path), wanted.string());
  EXPECT_EQ(find_executable("missing", path), std::nullopt);
  EXPECT_EQ(find_executable("tool", first.path().string()), std::nullopt);
}

TEST(FindExecutableTest, AnEmptyEntryIsTheCurrentDirectory) {
  const TempDir dir;
  make_file(dir, "tool", true);
  const fs::path previous = fs::current_path();
  fs::current_path(dir.path());
  const std::optional<std::string> found = find_executable("tool", "/nonexistent::/also-not");
  fs::current_path(previous);
  EXPECT_EQ(found, "./tool");
}

TEST(FindExecutableTest, ANameWithASlashIsNotSearched) {
  const TempDir dir;
  const fs::path executable = make_file(dir, "tool", true);
  const fs::path plain = make_file(dir, "data", false);
  EXPECT_EQ(find_executable(executable.string(), "/nonexistent"), executable.string());
  EXPECT_EQ(find_executable(plain.string(), dir.path().string()), std::nullopt);
}

TEST(ExecutableSearchPathTest, IsPathOrTheShellsDefault) {
  const char* saved = std::getenv("PATH");
  const std::string previous = saved != nullptr ? saved : "";
  ::setenv("PATH", "/a:/b", 1);
  EXPECT_EQ(executable_search_path(), "/a:/b");
  ::unsetenv("PATH");
  EXPECT_EQ(executable_search_path(), "/usr/local/bin:/usr/bin:/bin");
  if (saved != nullptr) ::setenv("PATH", previous.c_str(), 1);
}

}  // namespace
}  // namespace tcpdrill::netdev
