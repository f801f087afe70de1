#include "vm/guest_snapshot.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "netdev/unique_fd.h"
#include "vm/unlinked_file.h"

namespace tcpdrill::vm {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSuffix = ".snapshot";

// splitmix64's finaliser: every input bit moves every output bit.
std::uint64_t mixed(std::uint64_t value) {
  value ^= value >> 30;
  value *= 0xbf58476d1ce4e5b9ULL;
  value ^= value >> 27;
  value *= 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

}  // namespace

void SnapshotKey::add(std::string_view text) {
  state_ = mixed(state_ ^ std::hash<std::string_view>{}(text)) + text.size();
}

void SnapshotKey::add_file(const fs::path& file) {
  struct stat info {};
  add(file.string());
  if (::stat(file.c_str(), &info) != 0) return;
  add(std::to_string(info.st_size) + "@" + std::to_string(info.st_mtim.tv_sec) + "." +
      std::to_string(info.st_mtim.tv_nsec));
}

void SnapshotKey::add_contents(int fd) {
  std::vector<char> buffer(1 << 20);
  off_t offset = 0;
  while (true) {
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    add(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    offset += n;
  }
}

std::string SnapshotKey::hex() const {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(mixed(state_)));
  return text;
}

SnapshotStore::SnapshotStore(fs::path dir, std::size_t keep) : dir_(std::move(dir)), keep_(keep) {}

fs::path SnapshotStore::path_of(const std::string& key) const { return dir_ / (key + std::string(kSuffix)); }

std::optional<fs::path> SnapshotStore::find(const std::string& key) const {
  const fs::path path = path_of(key);
  if (::utimensat(AT_FDCWD, path.c_str(), nullptr, 0) != 0) return std::nullopt;
  return path;
}

void SnapshotStore::save(const std::string& key, const std::function<void(int fd)>& write) const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  netdev::UniqueFd file = open_unlinked_file(dir_);
  if (!file.valid()) {
    throw std::runtime_error("cannot write guest snapshots in " + dir_.string() + ": " + std::strerror(errno));
  }
  // No fsync: a snapshot torn by a crash fails to load, and a failed load falls back to a boot.
  write(file.get());
  // EEXIST: another run saved the same guest first; its file serves as well as ours.
  if (::linkat(AT_FDCWD, path_through_proc(file.get()).c_str(), AT_FDCWD, path_of(key).c_str(), AT_SYMLINK_FOLLOW) != 0 &&
      errno != EEXIST) {
    throw std::runtime_error("cannot keep the guest snapshot in " + dir_.string() + ": " + std::strerror(errno));
  }
  evict_beyond_keep();
}

void SnapshotStore::forget(const std::string& key) const {
  std::error_code ec;
  fs::remove(path_of(key), ec);
}

void SnapshotStore::evict_beyond_keep() const {
  std::vector<std::pair<fs::file_time_type, fs::path>> snapshots;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().extension() != kSuffix) continue;
    snapshots.emplace_back(entry.last_write_time(ec), entry.path());
  }
  if (snapshots.size() <= keep_) return;
  std::sort(snapshots.begin(), snapshots.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = keep_; i < snapshots.size(); ++i) fs::remove(snapshots[i].second, ec);
}

}  // namespace tcpdrill::vm
