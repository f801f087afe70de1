#include "vm/vm_test_support.h"

#include <unistd.h>

#include "vm/guest_kernel.h"

namespace tcpdrill::vm::testing {
namespace fs = std::filesystem;

std::optional<fs::path> default_kernel_dir() {
  const std::string line = std::string(kDefaultKernel).substr(std::string("debian:").size());
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kSystemCacheDir / "kernels", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("debian-" + line + ".") && fs::exists(entry.path() / "release", ec)) {
      return entry.path();
    }
  }
  return std::nullopt;
}

std::string vm_unavailable_reason() {
  if (::access("/usr/bin/qemu-system-x86_64", X_OK) != 0) {
    return "qemu-system-x86_64 is not installed (.ci/install-deps.sh installs it)";
  }
  if (!default_kernel_dir()) {
    return std::string("the default kernel ") + kDefaultKernel +
           " is not in /var/cache/tcpdrill (.ci/install-deps.sh fetches it)";
  }
  return {};
}

}  // namespace tcpdrill::vm::testing
