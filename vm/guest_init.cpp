#include "vm/guest_init.h"

#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "runtime/realtime_scheduling.h"
#include "vm/guest_agent.h"
#include "vm/guest_paths.h"

namespace tcpdrill::vm {
namespace {

void mount_or_warn(const char* source, const char* target, const char* type, const char* data) {
  ::mkdir(target, 0755);
  if (::mount(source, target, type, 0, data) != 0 && errno != EBUSY) {
    std::fprintf(stderr, "tcpdrill guest: mount %s on %s: %s\n", type, target, std::strerror(errno));
  }
}

void mount_kernel_filesystems() {
  mount_or_warn("proc", "/proc", "proc", nullptr);
  mount_or_warn("sysfs", "/sys", "sysfs", nullptr);
  mount_or_warn("devtmpfs", "/dev", "devtmpfs", nullptr);
  mount_or_warn("devpts", "/dev/pts", "devpts", nullptr);
  mount_or_warn("tmpfs", "/dev/shm", "tmpfs", nullptr);
  mount_or_warn("tmpfs", "/run", "tmpfs", nullptr);
  // The initramfs root is already a writable tmpfs, /tmp included.
  ::mkdir("/tmp", 01777);
  ::chmod("/tmp", 01777);
}

void set_environment() {
  ::setenv("PATH", std::string(kGuestPath).c_str(), 1);
  ::setenv("HOME", "/root", 1);
  ::setenv("LANG", "C.UTF-8", 1);
  // The guest's one vCPU runs the test and nothing else: let its threads be real-time.
  ::setenv(runtime::kRealtimeOnOneCpuVariable, "1", 1);
  ::unsetenv("TERM");
  ::mkdir("/root", 0700);
  ::sethostname("tcpdrill-guest", 14);
}

[[noreturn]] void power_off() {
  ::sync();
  ::reboot(RB_POWER_OFF);
  std::_Exit(0);
}

}  // namespace

bool is_guest_init(int argc, char** argv) {
  return argc > 0 && std::string(argv[0]) == kGuestInit && ::getpid() == 1;
}

void guest_init_main() {
  mount_kernel_filesystems();
  set_environment();
  const pid_t agent = ::fork();
  if (agent == 0) std::_Exit(run_guest_agent());
  if (agent < 0) {
    std::perror("tcpdrill guest: fork");
    power_off();
  }
  // Every process whose parent died is re-parented here: reap them all, and power off
  // when the agent itself ends, so the host sees QEMU exit.
  while (true) {
    int status = 0;
    const pid_t pid = ::wait(&status);
    if (pid == agent || (pid < 0 && errno == ECHILD)) power_off();
  }
}

}  // namespace tcpdrill::vm
