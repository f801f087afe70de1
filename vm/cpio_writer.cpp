#include "vm/cpio_writer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace tcpdrill::vm {
namespace {

constexpr std::size_t kFlushAt = 1 << 20;

}  // namespace

CpioWriter::CpioWriter(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}

void CpioWriter::write(std::string_view bytes) {
  buffer_.append(bytes);
  offset_ += bytes.size();
  if (buffer_.size() >= kFlushAt) flush();
}

void CpioWriter::pad() {
  static constexpr char kZeros[4] = {};
  write(std::string_view(kZeros, (4 - offset_ % 4) % 4));
}

void CpioWriter::flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write " + name_ + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void CpioWriter::write_header(const std::string& path, mode_t type_and_mode, std::uint64_t size) {
  if (size > 0xffffffffu) throw std::runtime_error(path + " is too large for " + name_);
  // The kernel's unpacker wants relative names ("usr/bin/x").
  const std::string name = path.substr(path.starts_with('/') ? 1 : 0);
  char header[111];
  // Fixed owner, times and inode numbers: the same inputs give the same archive.
  std::snprintf(header, sizeof header, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
                next_inode_++, static_cast<unsigned>(type_and_mode), 0u, 0u,
                S_ISDIR(type_and_mode) ? 2u : 1u, 0u, static_cast<unsigned>(size), 0u, 0u, 0u, 0u,
                static_cast<unsigned>(name.size() + 1), 0u);
  write(std::string_view(header, 110));
  write(std::string_view(name.c_str(), name.size() + 1));
  pad();
}

void CpioWriter::add_directory(const std::string& path, mode_t mode) {
  write_header(path, S_IFDIR | (mode & 07777), 0);
}

void CpioWriter::add_symlink(const std::string& path, const std::string& target) {
  write_header(path, S_IFLNK | 0777, target.size());
  write(target);
  pad();
}

void CpioWriter::add_file(const std::string& path, const std::filesystem::path& source, mode_t mode) {
  std::ifstream in(source, std::ios::binary);
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(source, ec);
  if (!in || ec) throw std::runtime_error("cannot read " + source.string() + " for " + name_);
  write_header(path, S_IFREG | (mode & 07777), size);
  char chunk[1 << 16];
  std::uint64_t left = size;
  while (left > 0 && in.read(chunk, static_cast<std::streamsize>(std::min<std::uint64_t>(left, sizeof chunk))).gcount() > 0) {
    write(std::string_view(chunk, static_cast<std::size_t>(in.gcount())));
    left -= static_cast<std::uint64_t>(in.gcount());
  }
  if (left != 0) throw std::runtime_error(source.string() + " changed while it was copied into " + name_);
  pad();
}

void CpioWriter::add_data(const std::string& path, std::string_view data, mode_t mode) {
  write_header(path, S_IFREG | (mode & 07777), data.size());
  write(data);
  pad();
}

void CpioWriter::finish() {
  write_header("TRAILER!!!", 0, 0);
  flush();
}

}  // namespace tcpdrill::vm
