#include "parser/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tcpdrill {
namespace {

std::optional<std::string> kind_of(mode_t mode) {
  if (S_ISREG(mode)) return std::nullopt;
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Closes the descriptor however reading ends.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::string> non_regular_kind(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  return kind_of(status.st_mode);
}

std::string read_regular_file(const std::string& path) {
  if (auto kind = non_regular_kind(path)) throw RegularFileError(path, *kind, "");
  // O_NONBLOCK: a FIFO put in the file's place after the check must not block the open.
  const FileDescriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0) throw RegularFileError(path, "", std::strerror(errno));
  struct stat status {};
  if (::fstat(file.fd, &status) != 0) throw RegularFileError(path, "", std::strerror(errno));
  if (auto kind = kind_of(status.st_mode)) throw RegularFileError(path, *kind, "");

  std::string text;
  text.reserve(static_cast<std::size_t>(status.st_size));
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(file.fd, buffer, sizeof buffer);
    if (got > 0) {
      text.append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0) {
      return text;
    } else if (errno != EINTR) {
      throw RegularFileError(path, "", std::strerror(errno));
    }
  }
}

}  // namespace tcpdrill
