#include "parser/regular_file.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tcpdrill {
namespace {

class RegularFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "tcpdrill-file-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(RegularFileTest, ReadsARegularFileWhole) {
  std::ofstream(path("a.pkt")) << "0 close(3) = 0\n";
  EXPECT_EQ(read_regular_file(path("a.pkt")), "0 close(3) = 0\n");
  EXPECT_EQ(non_regular_kind(path("a.pkt")), std::nullopt);
}

// Without a writer, opening a FIFO for reading blocks forever.
TEST_F(RegularFileTest, RefusesAFifoWithoutBlocking) {
  ASSERT_EQ(::mkfifo(path("f.pkt").c_str(), 0600), 0);
  try {
    read_regular_file(path("f.pkt"));
    ADD_FAILURE() << "read a FIFO";
  } catch (const RegularFileError& error) {
    EXPECT_EQ(error.kind(), "a FIFO (named pipe)");
    EXPECT_EQ(std::string(error.what()), path("f.pkt") + " is a FIFO (named pipe), not a regular file");
  }
}

TEST_F(RegularFileTest, NamesDirectoriesAndDevices) {
  EXPECT_EQ(non_regular_kind(dir_.string()), "a directory");
  EXPECT_EQ(non_regular_kind("/dev/null"), "a character device");
  EXPECT_THROW(read_regular_file(dir_.string()), RegularFileError);
  EXPECT_THROW(read_regular_file("/dev/zero"), RegularFileError);  // would never end
}

TEST_F(RegularFileTest, MissingFileGivesTheSystemsReason) {
  try {
    read_regular_file(path("missing.pkt"));
    ADD_FAILURE() << "read a missing file";
  } catch (const RegularFileError& error) {
    EXPECT_EQ(error.kind(), "");
    EXPECT_EQ(error.reason(), "No such file or directory");
  }
}

}  // namespace
}  // namespace tcpdrill
