#include "vm/guest_file_tree.h"

#include <sys/stat.h>

#include <system_error>

namespace tcpdrill::vm {
namespace fs = std::filesystem;

namespace {

std::string join(const fs::path& base, const fs::path& target) {
  return (target.is_absolute() ? target : base / target).lexically_normal().string();
}

}  // namespace

std::string GuestFileTree::resolve_links(const std::string& path) const {
  fs::path resolved = "/";
  const fs::path input = fs::path(path).lexically_normal();
  for (auto part = ++input.begin(); part != input.end(); ++part) {
    fs::path next = resolved / *part;
    for (int hops = 0; hops < 40; ++hops) {
      const auto link = links_.find(next.string());
      if (link == links_.end()) break;
      next = join(next.parent_path(), link->second);
    }
    resolved = next;
  }
  return resolved.string();
}

void GuestFileTree::add_directories(const std::string& guest) {
  const fs::path path = resolve_links(guest);
  fs::path prefix = "/";
  for (auto part = ++path.begin(); part != path.end(); ++part) {
    prefix /= *part;
    if (claim(prefix.string())) archive_.add_directory(prefix.string(), 0755);
  }
}

bool GuestFileTree::add_host_path(const fs::path& host) {
  const fs::path input = host.lexically_normal();
  fs::path walked = "/";
  for (auto part = ++input.begin(); part != input.end(); ++part) {
    const fs::path next = walked / *part;
    struct stat info{};
    if (::lstat(next.c_str(), &info) != 0) return false;
    if (S_ISLNK(info.st_mode)) {
      std::error_code ec;
      const fs::path target = fs::read_symlink(next, ec);
      if (ec) return false;
      if (claim(next.string())) {
        add_directories(walked.string());
        archive_.add_symlink(next.string(), target.string());
        links_[next.string()] = target.string();
      }
      // Continue along what the link names, with the rest of the path.
      fs::path rest = join(walked, target);
      for (auto after = std::next(part); after != input.end(); ++after) rest /= *after;
      return add_host_path(rest);
    }
    const bool last = std::next(part) == input.end();
    if (S_ISDIR(info.st_mode)) {
      if (claim(next.string())) archive_.add_directory(next.string(), info.st_mode);
    } else if (last && S_ISREG(info.st_mode)) {
      if (claim(next.string())) archive_.add_file(next.string(), next, info.st_mode);
    } else {
      return false;  // a device, socket or FIFO has no place in the image
    }
    walked = next;
  }
  return true;
}

std::uint64_t GuestFileTree::add_host_tree(const fs::path& dir, const NameFilter& skip) {
  if (!add_host_path(dir)) return 0;
  std::uint64_t bytes = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (skip && skip(it->path().filename().string())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) bytes += it->file_size(ec);
    add_host_path(it->path());
  }
  return bytes;
}

void GuestFileTree::add_tree_as(const fs::path& host_dir, const std::string& guest_dir,
                                const std::function<bool(const fs::path& relative)>& keep) {
  add_directories(guest_dir);
  std::error_code ec;
  for (fs::recursive_directory_iterator it(host_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path relative = it->path().lexically_relative(host_dir);
    if (it->is_directory(ec) || !keep(relative)) continue;
    const std::string guest = resolve_links(guest_dir + "/" + relative.string());
    add_directories(fs::path(guest).parent_path().string());
    if (!claim(guest)) continue;
    if (it->is_symlink(ec)) {
      archive_.add_symlink(guest, fs::read_symlink(it->path(), ec).string());
    } else if (it->is_regular_file(ec)) {
      archive_.add_file(guest, it->path(), 0644);
    }
  }
}

void GuestFileTree::add_file_as(const std::string& guest, const fs::path& host, mode_t mode) {
  const std::string path = resolve_links(guest);
  add_directories(fs::path(path).parent_path().string());
  if (claim(path)) archive_.add_file(path, host, mode);
}

void GuestFileTree::add_data(const std::string& guest, std::string_view data, mode_t mode) {
  const std::string path = resolve_links(guest);
  add_directories(fs::path(path).parent_path().string());
  if (claim(path)) archive_.add_data(path, data, mode);
}

void GuestFileTree::add_symlink(const std::string& guest, const std::string& target) {
  const std::string path =
      (fs::path(resolve_links(fs::path(guest).parent_path().string())) / fs::path(guest).filename()).string();
  add_directories(fs::path(path).parent_path().string());
  if (claim(path)) {
    archive_.add_symlink(path, target);
    links_[path] = target;
  }
}

}  // namespace tcpdrill::vm
