#include "vm/kernel_module_set.h"

#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace tcpdrill::vm {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kVirtualDevices[] = {"tun", "veth", "dummy", "ifb", "macvlan",
                                                "ipvlan", "vxlan", "geneve", "wireguard", "nlmon"};

// "tun.ko.xz" -> "tun"
std::string module_name(const fs::path& path) {
  std::string name = path.filename().string();
  return name.substr(0, name.find(".ko"));
}

bool wanted(const fs::path& path) {
  if (path.string().starts_with("kernel/net/")) return true;
  const std::string name = module_name(path);
  for (std::string_view device : kVirtualDevices) {
    if (name == device) return true;
  }
  return false;
}

}  // namespace

std::set<fs::path> guest_modules(std::istream& modules_dep) {
  std::map<fs::path, std::vector<fs::path>> depends;
  std::string line;
  while (std::getline(modules_dep, line)) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::istringstream deps(line.substr(colon + 1));
    std::vector<fs::path>& list = depends[line.substr(0, colon)];
    for (std::string dep; deps >> dep;) list.emplace_back(dep);
  }
  std::set<fs::path> chosen;
  std::vector<fs::path> pending;
  for (const auto& [module, deps] : depends) {
    if (wanted(module)) pending.push_back(module);
  }
  while (!pending.empty()) {
    const fs::path module = pending.back();
    pending.pop_back();
    if (!chosen.insert(module).second) continue;
    const auto found = depends.find(module);
    if (found != depends.end()) pending.insert(pending.end(), found->second.begin(), found->second.end());
  }
  return chosen;
}

bool is_guest_module_file(const fs::path& relative, const std::set<fs::path>& modules) {
  if (relative.has_parent_path()) return modules.contains(relative);
  return relative.filename().string().starts_with("modules.");
}

}  // namespace tcpdrill::vm
