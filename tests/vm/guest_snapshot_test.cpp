#include "vm/guest_snapshot.h"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "netdev/unique_fd.h"
#include "vm/unlinked_file.h"

namespace tcpdrill::vm {
namespace {
namespace fs = std::filesystem;

struct SnapshotStoreTest : ::testing::Test {
  SnapshotStoreTest() {
    std::string pattern = (fs::temp_directory_path() / "tcpdrill-snapshot-test-XXXXXX").string();
    root = ::mkdtemp(pattern.data());
  }
  ~SnapshotStoreTest() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  static std::function<void(int)> writing(const std::string& text) {
    return [text](int fd) { ASSERT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size())); };
  }
  static std::string contents(const fs::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  std::size_t files_in(const fs::path& dir) const {
    std::size_t count = 0;
    std::error_code ec;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir, ec)) ++count;
    return count;
  }
  fs::path root;
};

TEST(SnapshotKey, IsTheSameForTheSameInputsAndChangesWithAnyOfThem) {
  const auto key_of = [](std::string_view a, std::string_view b) {
    SnapshotKey key;
    key.add(a);
    key.add(b);
    return key.hex();
  };
  EXPECT_EQ(key_of("qemu", "image"), key_of("qemu", "image"));
  EXPECT_NE(key_of("qemu", "image"), key_of("qemu", "imagf"));
  EXPECT_NE(key_of("qemu", "image"), key_of("image", "qemu"));
  EXPECT_NE(key_of("ab", "c"), key_of("a", "bc"));
  EXPECT_EQ(key_of("x", "y").size(), 16u);
}

TEST(SnapshotKey, ReadsAFileFromItsStartWhereverItsOffsetIs) {
  netdev::UniqueFd file = open_unlinked_file(fs::temp_directory_path());
  ASSERT_TRUE(file.valid());
  const std::string bytes(3 << 20, 'x');
  ASSERT_EQ(::write(file.get(), bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  SnapshotKey from_file;
  from_file.add_contents(file.get());
  SnapshotKey from_memory;
  for (std::size_t at = 0; at < bytes.size(); at += 1 << 20) from_memory.add(std::string_view(bytes).substr(at, 1 << 20));
  EXPECT_EQ(from_file.hex(), from_memory.hex());
}

TEST_F(SnapshotStoreTest, KeepsWhatWasSavedUnderItsKey) {
  const SnapshotStore store(root / "snapshots");
  EXPECT_EQ(store.find("k1"), std::nullopt);
  store.save("k1", writing("guest state"));
  const std::optional<fs::path> found = store.find("k1");
  ASSERT_TRUE(found);
  EXPECT_EQ(contents(*found), "guest state");
  EXPECT_EQ(store.find("k2"), std::nullopt);
}

TEST_F(SnapshotStoreTest, AFailedSaveLeavesNothing) {
  const SnapshotStore store(root / "snapshots");
  EXPECT_THROW(store.save("k1", [](int fd) {
    ASSERT_EQ(::write(fd, "half", 4), 4);
    throw std::runtime_error("QEMU died");
  }), std::runtime_error);
  EXPECT_EQ(store.find("k1"), std::nullopt);
  EXPECT_EQ(files_in(root / "snapshots"), 0u);
}

TEST_F(SnapshotStoreTest, TheFirstOfTwoSavesOfOneKeyStays) {
  const SnapshotStore store(root / "snapshots");
  store.save("k1", writing("first"));
  store.save("k1", writing("second"));
  EXPECT_EQ(contents(*store.find("k1")), "first");
}

TEST_F(SnapshotStoreTest, TheLeastRecentlyUsedGoBeyondTheLimit) {
  const SnapshotStore store(root / "snapshots", 2);
  store.save("old", writing("1"));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  store.save("used", writing("2"));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(store.find("old"));  // used again: now the newest
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  store.save("new", writing("3"));
  EXPECT_TRUE(store.find("old"));
  EXPECT_TRUE(store.find("new"));
  EXPECT_EQ(store.find("used"), std::nullopt);
  EXPECT_EQ(files_in(root / "snapshots"), 2u);
}

TEST_F(SnapshotStoreTest, ADirectoryThatCannotBeMadeIsAnError) {
  std::ofstream(root / "file") << "not a directory";
  const SnapshotStore store(root / "file" / "snapshots");
  EXPECT_THROW(store.save("k1", writing("x")), std::runtime_error);
}

TEST_F(SnapshotStoreTest, ForgettingRemovesTheFile) {
  const SnapshotStore store(root / "snapshots");
  store.save("k1", writing("x"));
  store.forget("k1");
  EXPECT_EQ(store.find("k1"), std::nullopt);
  EXPECT_EQ(files_in(root / "snapshots"), 0u);
}

}  // namespace
}  // namespace tcpdrill::vm
