#pragma once

#include <filesystem>

#include "netdev/unique_fd.h"

namespace tcpdrill::vm {

// A file with no name in `dir` (O_TMPFILE): gone with its last descriptor, whatever ends
// the run. Invalid, with errno set, when `dir` cannot hold one.
netdev::UniqueFd open_unlinked_file(const std::filesystem::path& dir);

// The path through which another process (QEMU) opens this process's descriptor `fd`.
std::filesystem::path path_through_proc(int fd);

}  // namespace tcpdrill::vm
