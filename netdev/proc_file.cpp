#include "netdev/proc_file.h"

#include <fcntl.h>
#include <unistd.h>

#include "netdev/netdev_error.h"
#include "netdev/unique_fd.h"

namespace tcpdrill::netdev {

std::string read_proc_file(const std::filesystem::path& path, const std::string& attempted) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) throw_errno(attempted + ": " + path.string());
  std::string text;
  char chunk[512];
  for (;;) {
    const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno(attempted + ": " + path.string());
    if (n == 0) return text;
    text.append(chunk, static_cast<size_t>(n));
  }
}

void write_proc_file(const std::filesystem::path& path, std::string_view value, const std::string& attempted) {
  const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.valid()) throw_errno(attempted + ": " + path.string());
  // These files take a value in one write; a short write would leave half a value.
  const ssize_t n = ::write(fd.get(), value.data(), value.size());
  if (n < 0) throw_errno(attempted + ": " + path.string());
  if (static_cast<size_t>(n) != value.size()) throw NetdevError(EIO, attempted + ": " + path.string() + ": short write");
}

}  // namespace tcpdrill::netdev
