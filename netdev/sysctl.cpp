#include "netdev/sysctl.h"

#include <unistd.h>

#include <algorithm>

#include "netdev/proc_file.h"

namespace tcpdrill::netdev {

std::filesystem::path Sysctl::path_of(std::string_view name) const {
  std::string relative(name);
  if (relative.find('/') == std::string::npos) std::replace(relative.begin(), relative.end(), '.', '/');
  return root_ / relative;
}

bool Sysctl::exists(std::string_view name) const { return ::access(path_of(name).c_str(), F_OK) == 0; }

std::string Sysctl::read(std::string_view name) const {
  std::string value = read_proc_file(path_of(name), "cannot read sysctl " + std::string(name));
  while (!value.empty() && value.back() == '\n') value.pop_back();
  return value;
}

void Sysctl::write(std::string_view name, std::string_view value) const {
  write_proc_file(path_of(name), value,
                  "cannot set sysctl " + std::string(name) + " to '" + std::string(value) + "'");
}

}  // namespace tcpdrill::netdev
