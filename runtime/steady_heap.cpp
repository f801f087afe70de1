#include "runtime/steady_heap.h"

#include <malloc.h>

#include <cstdlib>

namespace tcpdrill::runtime {
namespace {

// Enough for a script's buffers: the heap grows in steps this large.
constexpr int kHeapGrowthBytes = 16 * 1024 * 1024;
constexpr int kNeverTrimBytes = 1024 * 1024 * 1024;
constexpr int kLargestHeapAllocationBytes = 32 * 1024 * 1024;

}  // namespace

void make_heap_steady() {
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_TOP_PAD, kHeapGrowthBytes);
  mallopt(M_TRIM_THRESHOLD, kNeverTrimBytes);
  mallopt(M_MMAP_THRESHOLD, kLargestHeapAllocationBytes);
  // One allocation now grows the heap by itself and the pad; freed, both stay.
  void* volatile reserve = std::malloc(kHeapGrowthBytes);
  std::free(reserve);
}

}  // namespace tcpdrill::runtime
