#pragma once

#include <filesystem>
#include <istream>
#include <set>

namespace tcpdrill::vm {

// The modules of a kernel that a guest gets (paths relative to lib/modules/RELEASE): the
// networking stack (kernel/net: qdiscs, congestion controls, netfilter, ...) and the
// virtual network devices scripts create, with everything they depend on per
// modules.dep. Filesystems and hardware drivers stay out: a guest image lives in memory.
std::set<std::filesystem::path> guest_modules(std::istream& modules_dep);

// guest_modules plus depmod's index files (modules.dep, modules.alias ...), so modprobe
// and the kernel's autoloading work in the guest.
bool is_guest_module_file(const std::filesystem::path& relative,
                          const std::set<std::filesystem::path>& modules);

}  // namespace tcpdrill::vm
