#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "vm/cpio_writer.h"

namespace tcpdrill::vm {

// The guest's root filesystem as it is written into the initramfs: host files keep their
// host paths, and every symbolic link on the way to one is copied as a link, so the guest
// sees the same layout (/bin -> usr/bin, /etc/alternatives ...) and programs find their
// libraries where the host's loader would. Each path is written once.
class GuestFileTree {
 public:
  explicit GuestFileTree(CpioWriter& archive) : archive_(archive) {}

  // A host file, directory (itself only) or link, at its own path. Missing paths are
  // ignored: returns false.
  bool add_host_path(const std::filesystem::path& host);
  // Every file under a host directory at its own path, skipping entries (and what is
  // under them) whose name `skip` accepts. Returns the bytes added.
  using NameFilter = std::function<bool(std::string_view name)>;
  std::uint64_t add_host_tree(const std::filesystem::path& dir, const NameFilter& skip = {});
  // A host directory's files under another guest directory (a kernel's modules), those
  // whose path relative to `host_dir` `keep` accepts.
  void add_tree_as(const std::filesystem::path& host_dir, const std::string& guest_dir,
                   const std::function<bool(const std::filesystem::path& relative)>& keep);
  void add_file_as(const std::string& guest, const std::filesystem::path& host, mode_t mode);
  void add_data(const std::string& guest, std::string_view data, mode_t mode);
  void add_symlink(const std::string& guest, const std::string& target);
  void add_directories(const std::string& guest);

 private:
  // `path` with every link the tree already holds followed, so an entry is written to
  // the directory a link names rather than over the link.
  std::string resolve_links(const std::string& path) const;
  bool claim(const std::string& path) { return written_.insert(path).second; }

  CpioWriter& archive_;
  std::set<std::string> written_;
  std::map<std::string, std::string> links_;  // guest path -> target as written
};

}  // namespace tcpdrill::vm
