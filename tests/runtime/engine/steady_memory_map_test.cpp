#include "runtime/steady_memory_map.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <latch>
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

// In a child process (a death test), so that these settings never reach the test
// process. Two threads at once, as the sniffer and a blocking call's thread run: both
// start and allocate after the first count.
int check_in_child() {
  make_memory_map_steady();
  const int before = mapping_count();
  std::latch both_running(2);
  const auto like_a_run_thread = [&both_running] {
    both_running.arrive_and_wait();
    allocate_like_a_script();
  };
  std::thread sniffer(like_a_run_thread);
  std::thread blocking_call(like_a_run_thread);
  sniffer.join();
  blocking_call.join();
  allocate_like_a_script();
  return mapping_count() == before ? 0 : 1;
}

TEST(SteadyMemoryMap, NewThreadsAndTheirBuffersMapNothing) {
#ifdef __SANITIZE_ADDRESS__
  GTEST_SKIP() << "AddressSanitizer's allocator replaces glibc's malloc, whose settings this checks";
#endif
  EXPECT_EXIT(_exit(check_in_child()), ::testing::ExitedWithCode(0), "")
      << "the memory map changed after make_memory_map_steady()";
}

}  // namespace
}  // namespace tcpdrill::runtime
