#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct archive;

namespace tcpdrill::vm {

// Writes an initramfs: a "newc" cpio archive, uncompressed because the guest would spend
// emulated CPU time on decompressing it. Paths are absolute guest paths. Throws
// std::runtime_error with libarchive's reason on failure.
class CpioWriter {
 public:
  // Writes to `fd` (not closed here); `name` is for messages.
  CpioWriter(int fd, std::string name);
  ~CpioWriter();
  CpioWriter(const CpioWriter&) = delete;
  CpioWriter& operator=(const CpioWriter&) = delete;

  void add_directory(const std::string& path, mode_t mode);
  void add_symlink(const std::string& path, const std::string& target);
  void add_file(const std::string& path, const std::filesystem::path& source, mode_t mode);
  void add_data(const std::string& path, std::string_view data, mode_t mode);
  // Writes the trailer; without it the kernel rejects the archive.
  void finish();

 private:
  struct ArchiveCloser {
    void operator()(archive* handle) const;
  };
  void write_header(const std::string& path, mode_t type_and_mode, std::int64_t size,
                    const std::string* symlink_target);
  void write_data(const char* data, std::size_t size);

  std::unique_ptr<archive, ArchiveCloser> archive_;
  std::string file_;
  unsigned next_inode_ = 1;
};

}  // namespace tcpdrill::vm
