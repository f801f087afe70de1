#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "vm/guest_kernel.h"

namespace tcpdrill::vm {

// virtual: TCG with instruction counting, so guest time follows executed instructions and
// skips idle waits: the same timeline on every run, whatever the host is doing.
// real: KVM, the host's clock; faster, as deterministic as the host backend.
enum class VmClock { Virtual, Real };

const char* vm_clock_name(VmClock clock);
// "virtual" or "real"; nullopt for anything else.
std::optional<VmClock> parse_vm_clock(std::string_view text);

struct GuestMachineConfig {
  GuestKernel kernel;
  std::filesystem::path initramfs;
  VmClock clock = VmClock::Virtual;
  unsigned memory_mib = 1024;
  std::string qemu = "qemu-system-x86_64";
  // A saved state to resume (QEMU reads it from kQemuSnapshotFd) instead of booting.
  std::optional<std::filesystem::path> snapshot;
  // A file the guest's agent finds as fw_cfg's kPreloadedRequestName (with a snapshot:
  // the one request the resumed guest runs, nothing sent to it over the channel).
  std::optional<std::filesystem::path> preloaded_request;
};

// The descriptors QEMU inherits: the console's, the control channel's and its monitor's
// socket ends, and the snapshot it resumes from.
inline constexpr int kQemuConsoleFd = 3;
inline constexpr int kQemuControlFd = 4;
inline constexpr int kQemuMonitorFd = 5;
inline constexpr int kQemuSnapshotFd = 6;

// QEMU's command line: a microvm with the kernel's console on the first serial port and
// the control channel on the second, both on inherited sockets; a panic ends QEMU.
std::vector<std::string> qemu_command(const GuestMachineConfig& config);

}  // namespace tcpdrill::vm
