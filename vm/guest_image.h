#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tcpdrill::vm {

// What goes into the guest's initramfs besides the fixed userland.
struct GuestImageSpec {
  std::filesystem::path tcpdrill;  // the host binary the guest runs as /init and per test
  std::string kernel_release;
  // The kernel's modules (a lib/modules/RELEASE directory with depmod's indexes); none
  // for a kernel the user built without installing modules.
  std::optional<std::filesystem::path> modules_dir;
  // Host directories copied at their own paths: the scripts and the files they use.
  std::vector<std::filesystem::path> shared_dirs;
  // Directories that must exist in the guest, empty (a working directory).
  std::vector<std::filesystem::path> empty_dirs;
};

struct GuestImageSummary {
  std::uint64_t bytes = 0;
  std::vector<std::string> missing_programs;  // from the userland list, not on this host
};

// Writes the initramfs to `fd`: tcpdrill with its libraries as /init; the host's shell,
// iproute2, ethtool, procps, kmod, python3 with its standard library and common tools with
// their libraries, at their host paths (scripts from packetdrill's suite and the kernel's
// selftests call them); the kernel's modules; the shared directories. Everything lives in
// guest RAM, so nothing the guest reads during a script waits on the host.
GuestImageSummary write_guest_image(const GuestImageSpec& spec, int fd);

// The directories to copy so that the scripts find the files they name: each script's
// directory's parent (packetdrill's suite and ours use ../common/...), or the script's
// own directory where the parent holds more than `limit_bytes`. Nested ones are merged.
// Throws std::runtime_error when even a script's own directory is over the limit.
std::vector<std::filesystem::path> directories_to_share(
    const std::vector<std::filesystem::path>& scripts, std::uint64_t limit_bytes = 64u << 20);

}  // namespace tcpdrill::vm
