#include "vm/guest_image.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "vm/cpio_writer.h"
#include "vm/guest_file_tree.h"
#include "vm/guest_paths.h"
#include "vm/kernel_module_set.h"
#include "vm/shared_libraries.h"

namespace tcpdrill::vm {
namespace fs = std::filesystem;

namespace {

// What scripts' shell commands, init commands and cleanup commands call.
constexpr std::string_view kPrograms[] = {
    "sh", "dash", "bash", "ip", "tc", "ethtool", "sysctl", "modprobe", "insmod", "rmmod",
    "lsmod", "kmod", "nft", "iptables", "ss", "nstat", "env", "cat", "echo", "printf",
    "grep", "egrep", "sed", "awk", "mawk", "sleep", "mkdir", "rmdir", "rm", "ls", "cp",
    "mv", "ln", "tr", "cut", "head", "tail", "wc", "test", "[", "true", "false", "id",
    "uname", "kill", "ps", "pgrep", "pkill", "date", "seq", "sort", "uniq", "touch",
    "chmod", "readlink", "realpath", "dirname", "basename", "expr", "xargs", "timeout",
    "tee", "stat", "mktemp", "find", "diff", "cmp", "dd", "tcpdump", "ping", "nc"};

// Host files that programs read, where the host has them.
constexpr std::string_view kHostDataPaths[] = {
    "/etc/protocols", "/etc/services", "/etc/ethertypes", "/etc/iproute2",
    "/usr/share/iproute2", "/usr/lib/x86_64-linux-gnu/tc", "/usr/lib/tc"};

constexpr std::string_view kKernelModprobe = "/sbin/modprobe";

constexpr std::string_view kSystemPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// The system's programs, not the user's PATH: a user's python3 may be a pyenv shim.
std::optional<fs::path> find_program(std::string_view name) {
  std::string_view rest = kSystemPath;
  while (!rest.empty()) {
    const std::size_t colon = rest.find(':');
    const fs::path candidate = fs::path(rest.substr(0, colon)) / name;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
  }
  return std::nullopt;
}

// Python's standard library minus what no script run needs (tests, IDLE, Tk, the static
// library for embedding).
bool python_excluded(std::string_view name) {
  static const std::set<std::string, std::less<>> kExcluded = {
      "test", "tests", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3",
      "pydoc_data", "distutils", "site-packages", "dist-packages"};
  return kExcluded.contains(name) || name.starts_with("config-");
}

std::optional<fs::path> python_stdlib(const fs::path& python) {
  std::error_code ec;
  const fs::path real = fs::canonical(python, ec);
  if (ec) return std::nullopt;
  const fs::path lib = fs::path("/usr/lib") / real.filename();  // python3.11 -> /usr/lib/python3.11
  if (!fs::is_directory(lib, ec)) return std::nullopt;
  return lib;
}

constexpr std::string_view kPasswd =
    "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
constexpr std::string_view kGroup = "root:x:0:\nnogroup:x:65534:\n";
constexpr std::string_view kHosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

// Bytes under `dir`, stopping once past `limit`.
std::uint64_t tree_bytes(const fs::path& dir, std::uint64_t limit) {
  std::uint64_t bytes = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end && bytes <= limit; it.increment(ec)) {
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) bytes += it->file_size(ec);
  }
  return bytes;
}

}  // namespace

std::vector<fs::path> directories_to_share(const std::vector<fs::path>& scripts,
                                           std::uint64_t limit_bytes) {
  std::vector<fs::path> dirs;
  for (const fs::path& script : scripts) {
    const fs::path own = fs::absolute(script).lexically_normal().parent_path();
    const fs::path parent = own.parent_path();
    if (parent != own.root_path() && tree_bytes(parent, limit_bytes) <= limit_bytes) {
      dirs.push_back(parent);
    } else if (tree_bytes(own, limit_bytes) <= limit_bytes) {
      dirs.push_back(own);
    } else {
      throw std::runtime_error("the directory of " + script.string() + " holds more than " +
                               std::to_string(limit_bytes >> 20) +
                               " MiB, which would all be copied into the guest's memory");
    }
  }
  std::sort(dirs.begin(), dirs.end());
  std::vector<fs::path> merged;
  for (const fs::path& dir : dirs) {
    const bool inside = !merged.empty() &&
                        (dir == merged.back() ||
                         dir.string().starts_with(merged.back().string() + "/"));
    if (!inside) merged.push_back(dir);
  }
  return merged;
}

GuestImageSummary write_guest_image(const GuestImageSpec& spec, int fd) {
  GuestImageSummary summary;
  CpioWriter archive(fd, "the guest's initramfs");
  GuestFileTree tree(archive);

  std::vector<fs::path> binaries{spec.tcpdrill};
  tree.add_file_as(std::string(kGuestTcpdrill), spec.tcpdrill, 0755);
  tree.add_symlink(std::string(kGuestInit), std::string(kGuestTcpdrill));
  tree.add_symlink(std::string(kGuestTcpdrillDir) + "/packetdrill", "tcpdrill");

  for (std::string_view name : kPrograms) {
    const std::optional<fs::path> program = find_program(name);
    if (!program) {
      summary.missing_programs.emplace_back(name);
      continue;
    }
    tree.add_host_path(*program);
    binaries.push_back(fs::canonical(*program));
  }
  // The kernel runs /sbin/modprobe to load a module on demand (an nft expression, a
  // qdisc): give it that path even where /sbin is a link to /usr/sbin.
  if (std::error_code ec; fs::exists(kKernelModprobe, ec)) tree.add_host_path(std::string(kKernelModprobe));
  if (const std::optional<fs::path> python = find_program("python3")) {
    tree.add_host_path(*python);
    binaries.push_back(fs::canonical(*python));
    if (const std::optional<fs::path> stdlib = python_stdlib(*python)) {
      tree.add_host_tree(*stdlib, python_excluded);
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(*stdlib / "lib-dynload", ec)) {
        binaries.push_back(entry.path());
      }
    }
  } else {
    summary.missing_programs.emplace_back("python3");
  }
  for (const fs::path& library : shared_libraries_of(binaries)) tree.add_host_path(library);

  for (std::string_view path : kHostDataPaths) tree.add_host_tree(fs::path(path));
  tree.add_data("/etc/passwd", kPasswd, 0644);
  tree.add_data("/etc/group", kGroup, 0644);
  tree.add_data("/etc/hosts", kHosts, 0644);
  tree.add_data("/etc/hostname", "tcpdrill-guest\n", 0644);
  tree.add_directories("/tmp");
  tree.add_directories("/root");

  if (spec.modules_dir) {
    std::ifstream modules_dep(*spec.modules_dir / "modules.dep");
    const std::set<fs::path> modules = guest_modules(modules_dep);
    tree.add_tree_as(*spec.modules_dir, "/lib/modules/" + spec.kernel_release,
                     [&](const fs::path& relative) { return is_guest_module_file(relative, modules); });
  }
  for (const fs::path& dir : spec.shared_dirs) {
    tree.add_host_tree(dir, [](std::string_view name) { return name == ".git"; });
  }
  for (const fs::path& dir : spec.empty_dirs) tree.add_directories(dir.string());

  archive.finish();
  summary.bytes = static_cast<std::uint64_t>(::lseek(fd, 0, SEEK_END));
  return summary;
}

}  // namespace tcpdrill::vm
