#include "vm/cpio_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <fstream>
#include <stdexcept>

namespace tcpdrill::vm {
namespace {

struct EntryDeleter {
  void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};

}  // namespace

void CpioWriter::ArchiveCloser::operator()(archive* handle) const { archive_write_free(handle); }

CpioWriter::CpioWriter(int fd, std::string name)
    : archive_(archive_write_new()), file_(std::move(name)) {
  if (!archive_) throw std::runtime_error("cannot allocate a cpio writer");
  if (archive_write_set_format_cpio_newc(archive_.get()) != ARCHIVE_OK ||
      archive_write_add_filter_none(archive_.get()) != ARCHIVE_OK ||
      archive_write_open_fd(archive_.get(), fd) != ARCHIVE_OK) {
    throw std::runtime_error("cannot write " + file_ + ": " +
                             archive_error_string(archive_.get()));
  }
}

CpioWriter::~CpioWriter() = default;

void CpioWriter::write_header(const std::string& path, mode_t type_and_mode, std::int64_t size,
                              const std::string* symlink_target) {
  std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
  // The kernel's unpacker wants relative names ("usr/bin/x").
  archive_entry_set_pathname(entry.get(), path.c_str() + (path.starts_with('/') ? 1 : 0));
  archive_entry_set_mode(entry.get(), type_and_mode);
  archive_entry_set_size(entry.get(), size);
  archive_entry_set_uid(entry.get(), 0);
  archive_entry_set_gid(entry.get(), 0);
  archive_entry_set_nlink(entry.get(), S_ISDIR(type_and_mode) ? 2 : 1);
  // Fixed times and inode numbers: the same inputs make the same archive, byte for byte.
  archive_entry_set_mtime(entry.get(), 0, 0);
  archive_entry_set_ino(entry.get(), next_inode_++);
  if (symlink_target) archive_entry_set_symlink(entry.get(), symlink_target->c_str());
  if (archive_write_header(archive_.get(), entry.get()) != ARCHIVE_OK) {
    throw std::runtime_error("cannot add " + path + " to " + file_ + ": " +
                             archive_error_string(archive_.get()));
  }
}

void CpioWriter::write_data(const char* data, std::size_t size) {
  if (size == 0) return;
  if (archive_write_data(archive_.get(), data, size) != static_cast<la_ssize_t>(size)) {
    throw std::runtime_error("cannot write " + file_ + ": " +
                             archive_error_string(archive_.get()));
  }
}

void CpioWriter::add_directory(const std::string& path, mode_t mode) {
  write_header(path, S_IFDIR | (mode & 07777), 0, nullptr);
}

void CpioWriter::add_symlink(const std::string& path, const std::string& target) {
  write_header(path, S_IFLNK | 0777, 0, &target);
}

void CpioWriter::add_file(const std::string& path, const std::filesystem::path& source,
                          mode_t mode) {
  std::ifstream in(source, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + source.string() + " for the guest image");
  const auto size = static_cast<std::int64_t>(std::filesystem::file_size(source));
  write_header(path, S_IFREG | (mode & 07777), size, nullptr);
  char buffer[1 << 16];
  std::int64_t left = size;
  while (left > 0 && in.read(buffer, std::min<std::int64_t>(left, sizeof buffer)).gcount() > 0) {
    write_data(buffer, static_cast<std::size_t>(in.gcount()));
    left -= in.gcount();
  }
  if (left != 0) throw std::runtime_error(source.string() + " changed while it was archived");
}

void CpioWriter::add_data(const std::string& path, std::string_view data, mode_t mode) {
  write_header(path, S_IFREG | (mode & 07777), static_cast<std::int64_t>(data.size()), nullptr);
  write_data(data.data(), data.size());
}

void CpioWriter::finish() {
  if (archive_write_close(archive_.get()) != ARCHIVE_OK) {
    throw std::runtime_error("cannot finish " + file_ + ": " +
                             archive_error_string(archive_.get()));
  }
}

}  // namespace tcpdrill::vm
