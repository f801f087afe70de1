#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tcpdrill::vm {

// A digest of everything a booted guest's state depends on: the QEMU binary, its command
// line, the kernel and every byte of the image. Equal digests mean a saved guest can stand
// in for a fresh boot.
class SnapshotKey {
 public:
  void add(std::string_view text);
  // The file's path, size and modification time: enough for binaries that are replaced,
  // not edited in place.
  void add_file(const std::filesystem::path& file);
  // Every byte of an open file, read from its start.
  void add_contents(int fd);
  std::string hex() const;

 private:
  std::uint64_t state_ = 0x6a09e667f3bcc908ULL;
};

// Saved guest states on disk, one file per key, the least recently used ones removed
// beyond `keep`. A snapshot appears under its name only once it is complete, so an
// interrupted save leaves nothing behind.
class SnapshotStore {
 public:
  explicit SnapshotStore(std::filesystem::path dir, std::size_t keep = 3);

  // The snapshot saved under `key`, marked as just used; nullopt if there is none.
  std::optional<std::filesystem::path> find(const std::string& key) const;
  // Creates the directory, runs `write` on an unlinked file in it and links the file in
  // as `key`'s snapshot when `write` returns. Throws what `write` throws, or
  // std::runtime_error when the directory cannot hold it.
  void save(const std::string& key, const std::function<void(int fd)>& write) const;
  void forget(const std::string& key) const;

 private:
  std::filesystem::path path_of(const std::string& key) const;
  void evict_beyond_keep() const;

  std::filesystem::path dir_;
  std::size_t keep_;
};

}  // namespace tcpdrill::vm
