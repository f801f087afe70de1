#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tcpdrill::vm {

// The kernel a --vm run boots.
struct GuestKernel {
  std::filesystem::path image;  // bzImage / vmlinuz
  std::string release;          // from the image's boot header
  std::optional<std::filesystem::path> modules_dir;  // lib/modules/RELEASE with indexes
  std::string label;            // as the user named it: "debian:6.12", a path
};

// The kernel line used when --kernel is not given; .ci/install-deps.sh fetches it into
// the system-wide cache so --vm works out of the box.
inline constexpr const char* kDefaultKernel = "debian:6.12";

// Where fetched kernels live: $XDG_CACHE_HOME/tcpdrill (else ~/.cache/tcpdrill) first,
// then the system-wide /var/cache/tcpdrill that install-deps fills.
std::filesystem::path user_cache_dir();
inline const std::filesystem::path kSystemCacheDir{"/var/cache/tcpdrill"};

// Resolves --kernel (empty: the default): a path to a kernel image, or debian:NAME,
// fetched with apt into the user's cache when no cache has it. Throws VmUnavailable.
GuestKernel resolve_guest_kernel(const std::string& spec);

// The release string in a bzImage's boot header ("6.1.0-50-cloud-amd64"); nullopt when
// the file is not an x86 boot image.
std::optional<std::string> kernel_image_release(const std::filesystem::path& image);

}  // namespace tcpdrill::vm
