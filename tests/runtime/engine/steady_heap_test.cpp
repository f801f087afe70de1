#include "runtime/steady_heap.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace tcpdrill::runtime {
namespace {

int mapping_count() {
  std::ifstream maps("/proc/self/maps");
  int lines = 0;
  for (std::string line; std::getline(maps, line);) ++lines;
  return lines;
}

// Buffers of the sizes a script uses (a packet, a large write, a bulk transfer), touched
// so that they are really there, then freed.
void allocate_like_a_script() {
  for (const size_t bytes : {size_t{1500}, size_t{64} << 10, size_t{1} << 20, size_t{8} << 20}) {
    std::vector<char> buffer(bytes);
    std::memset(buffer.data(), 1, buffer.size());
  }
}

// In a child process (a death test), so that malloc's settings never reach the test
// process. The thread starts before the first count: its stack is set-up work, as the
// sniffer's is.
int check_in_child() {
  make_heap_steady();
  std::atomic<bool> go{false};
  std::thread sniffer([&] {
    while (!go) std::this_thread::yield();
    allocate_like_a_script();
  });
  const int before = mapping_count();
  go = true;
  sniffer.join();
  allocate_like_a_script();
  return mapping_count() == before ? 0 : 1;
}

TEST(SteadyHeap, AThreadsFirstAllocationAndLargeBuffersMapNothing) {
#ifdef __SANITIZE_ADDRESS__
  GTEST_SKIP() << "AddressSanitizer's allocator replaces glibc's malloc, whose settings this checks";
#endif
  EXPECT_EXIT(_exit(check_in_child()), ::testing::ExitedWithCode(0), "")
      << "the memory map changed after make_heap_steady()";
}

}  // namespace
}  // namespace tcpdrill::runtime
