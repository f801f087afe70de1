#include "vm/unlinked_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <string>

namespace tcpdrill::vm {

netdev::UniqueFd open_unlinked_file(const std::filesystem::path& dir) {
  return netdev::UniqueFd(::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
}

std::filesystem::path path_through_proc(int fd) {
  return "/proc/" + std::to_string(::getpid()) + "/fd/" + std::to_string(fd);
}

}  // namespace tcpdrill::vm
