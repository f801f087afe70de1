#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace tcpdrill::vm {

// Writes an initramfs: a "newc" cpio archive (the kernel's initramfs format, see the
// kernel's Documentation/driver-api/early-userspace/buffer-format.rst), uncompressed
// because the guest would spend emulated CPU time decompressing it. Written here rather
// than with libarchive: Debian's libarchive links libxml2 and ICU, 35 MB that tcpdrill
// would then carry into every guest. Paths are absolute guest paths. Throws
// std::runtime_error on a write failure.
class CpioWriter {
 public:
  // Writes to `fd` (not closed here); `name` is for messages.
  CpioWriter(int fd, std::string name);

  void add_directory(const std::string& path, mode_t mode);
  void add_symlink(const std::string& path, const std::string& target);
  void add_file(const std::string& path, const std::filesystem::path& source, mode_t mode);
  void add_data(const std::string& path, std::string_view data, mode_t mode);
  // Writes the trailer and flushes; without the trailer the kernel rejects the archive.
  void finish();

 private:
  void write_header(const std::string& path, mode_t type_and_mode, std::uint64_t size);
  void write(std::string_view bytes);
  void pad();
  void flush();

  int fd_;
  std::string name_;
  std::string buffer_;
  std::uint64_t offset_ = 0;  // bytes of the archive so far, for the 4-byte alignment
  std::uint32_t next_inode_ = 1;
};

}  // namespace tcpdrill::vm
