#include "netdev/child_group_registry.h"

#include <signal.h>

#include <array>
#include <atomic>

namespace tcpdrill::netdev {
namespace {

// Lock-free slots: a signal handler may neither lock nor allocate. More children than
// slots only happens with -j above this, and then the extra ones rely on the normal path.
constexpr std::size_t kSlots = 4096;
std::array<std::atomic<pid_t>, kSlots> g_groups{};

}  // namespace

void register_child_group(pid_t pgid) noexcept {
  for (std::atomic<pid_t>& slot : g_groups) {
    pid_t empty = 0;
    if (slot.compare_exchange_strong(empty, pgid)) return;
  }
}

void unregister_child_group(pid_t pgid) noexcept {
  for (std::atomic<pid_t>& slot : g_groups) {
    pid_t expected = pgid;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

void kill_registered_child_groups() noexcept {
  for (const std::atomic<pid_t>& slot : g_groups) {
    const pid_t pgid = slot.load();
    if (pgid > 0) ::kill(-pgid, SIGKILL);
  }
}

}  // namespace tcpdrill::netdev
