#include "runtime/steady_memory_map.h"

#include <malloc.h>

#include <cstdlib>
#include <latch>
#include <thread>
#include <vector>

namespace tcpdrill::runtime {
namespace {

// Enough for a script's buffers: the heap grows in steps this large.
constexpr int kHeapGrowthBytes = 16 * 1024 * 1024;
constexpr int kNeverTrimBytes = 1024 * 1024 * 1024;
constexpr int kLargestHeapAllocationBytes = 32 * 1024 * 1024;

// The threads of a run alive at once: the sniffer, the call watchdog, and blocking calls
// that overlap.
constexpr int kThreadStacks = 4;

void reserve_heap() {
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_TOP_PAD, kHeapGrowthBytes);
  mallopt(M_TRIM_THRESHOLD, kNeverTrimBytes);
  mallopt(M_MMAP_THRESHOLD, kLargestHeapAllocationBytes);
  // One allocation now grows the heap by itself and the pad; freed, both stay.
  void* volatile reserve = std::malloc(kHeapGrowthBytes);
  std::free(reserve);
}

// Threads that all run at once need a stack each; joined, their stacks stay in glibc's
// cache for the next threads of the same stack size.
void cache_thread_stacks() {
  std::latch all_running(kThreadStacks);
  std::vector<std::thread> threads;
  threads.reserve(kThreadStacks);
  for (int i = 0; i < kThreadStacks; ++i) threads.emplace_back([&all_running] { all_running.arrive_and_wait(); });
  for (std::thread& thread : threads) thread.join();
}

}  // namespace

void make_memory_map_steady() {
  reserve_heap();
  cache_thread_stacks();
}

}  // namespace tcpdrill::runtime
