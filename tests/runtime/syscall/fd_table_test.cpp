#include "runtime/syscall/fd_table.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const SyscallError& error) {
    return error.what();
  }
  return "";
}

class FdTableTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(::pipe(live_), 0); }
  void TearDown() override {
    for (int fd : live_) {
      if (is_open(fd) && !owned_) ::close(fd);
    }
  }
  int live_[2] = {-1, -1};
  bool owned_ = false;
};

TEST_F(FdTableTest, MapsScriptFdsToLiveFds) {
  FdTable table;
  table.add(FdEntry{3, live_[0], FdKind::Pipe});
  owned_ = true;
  EXPECT_EQ(table.live_fd(3), live_[0]);
  ASSERT_NE(table.find_live(live_[0]), nullptr);
  EXPECT_EQ(table.find_live(live_[0])->script_fd, 3);
  EXPECT_EQ(error_of([&] { table.live_fd(4); }), "unable to find fd with script fd 4");
  ::close(live_[1]);
}

TEST_F(FdTableTest, RejectsDuplicates) {
  FdTable table;
  table.add(FdEntry{3, live_[0], FdKind::Pipe});
  table.add(FdEntry{4, live_[1], FdKind::Pipe});
  owned_ = true;
  EXPECT_EQ(error_of([&] {
              table.add(FdEntry{3, 1000, FdKind::File});
            }),
            "duplicate fd 3 in script");
  EXPECT_EQ(error_of([&] {
              table.add(FdEntry{5, live_[1], FdKind::File});
            }),
            "duplicate live fd " + std::to_string(live_[1]));
}

TEST_F(FdTableTest, ClosedEntriesNoLongerMatchAndMayBeReused) {
  FdTable table;
  table.add(FdEntry{3, live_[0], FdKind::Pipe});
  ::close(live_[0]);
  table.mark_closed(3);
  EXPECT_EQ(table.find(3), nullptr);
  EXPECT_EQ(error_of([&] { table.live_fd(3); }), "unable to find fd with script fd 3");
  table.add(FdEntry{3, live_[1], FdKind::Pipe});
  owned_ = true;
  EXPECT_EQ(table.live_fd(3), live_[1]);
}

TEST_F(FdTableTest, DestructorClosesOpenLiveFds) {
  {
    FdTable table;
    table.add(FdEntry{3, live_[0], FdKind::Pipe});
    table.add(FdEntry{4, live_[1], FdKind::Pipe});
    owned_ = true;
    FdTable moved = std::move(table);
    EXPECT_TRUE(is_open(live_[0]));
  }
  EXPECT_FALSE(is_open(live_[0]));
  EXPECT_FALSE(is_open(live_[1]));
}

TEST_F(FdTableTest, ShadowingEntryWinsLookupsAndBothAreClosedAtTheEnd) {
  {
    FdTable table;
    table.add(FdEntry{4, live_[0], FdKind::TcpSocket});
    table.add_shadowing(FdEntry{4, live_[1], FdKind::TcpSocket});
    owned_ = true;
    EXPECT_EQ(table.live_fd(4), live_[1]);
    table.mark_closed(4);
    EXPECT_EQ(table.live_fd(4), live_[0]);
  }
  EXPECT_FALSE(is_open(live_[0]));
  EXPECT_TRUE(is_open(live_[1]));  // marked closed: the script's close() owned it
  ::close(live_[1]);
}

TEST_F(FdTableTest, KindsTrackListeners) {
  FdTable table;
  table.add(FdEntry{3, live_[0], FdKind::TcpSocket});
  owned_ = true;
  table.set_kind(3, FdKind::TcpListener);
  EXPECT_EQ(table.find(3)->kind, FdKind::TcpListener);
  EXPECT_TRUE(is_socket(FdKind::TcpListener));
  EXPECT_FALSE(is_socket(FdKind::Epoll));
  ::close(live_[1]);
}

}  // namespace
}  // namespace tcpdrill::runtime
