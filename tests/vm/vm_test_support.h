#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace tcpdrill::vm::testing {

// The default kernel's directory in the system-wide cache, which .ci/install-deps.sh
// fills; nullopt when it has not been fetched.
std::optional<std::filesystem::path> default_kernel_dir();

// Why kernel-backed VM tests cannot run here (no QEMU, no default kernel); empty when
// they can.
std::string vm_unavailable_reason();

}  // namespace tcpdrill::vm::testing
