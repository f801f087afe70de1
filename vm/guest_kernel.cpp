#include "vm/guest_kernel.h"

#include <cstdlib>
#include <fstream>
#include <system_error>

#include "runner/child_process.h"
#include "vm/fetch_debian_kernel_script.h"
#include "vm/vm_error.h"

namespace tcpdrill::vm {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDebianPrefix = "debian:";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string last_line(const std::string& text) {
  const std::string body = trimmed(text);
  const std::size_t newline = body.rfind('\n');
  return newline == std::string::npos ? body : body.substr(newline + 1);
}

// A user-built kernel's modules, when installed where `make modules_install` puts them.
std::optional<fs::path> installed_modules(const std::string& release) {
  std::error_code ec;
  const fs::path dir = fs::path("/lib/modules") / release;
  if (fs::exists(dir / "modules.dep", ec)) return dir;
  return std::nullopt;
}

GuestKernel fetched_debian_kernel(const std::string& spec) {
  const std::string name = spec.substr(kDebianPrefix.size());
  runner::ChildRequest request;
  request.argv = {"/bin/sh", "-c", fetch_debian_kernel_script(), "fetch-debian-kernel",
                  user_cache_dir().string(), name, kSystemCacheDir.string()};
  request.timeout = std::chrono::minutes(10);
  const runner::CancelSignal never;
  const runner::ChildOutcome outcome = runner::run_child(request, never);
  if (outcome.ending != runner::ChildEnding::Exited || outcome.exit_code != 0) {
    const std::string reason = last_line(outcome.standard_error);
    throw VmUnavailable("cannot fetch kernel " + spec + ": " +
                        (reason.empty() ? std::string("the fetch did not finish") : reason));
  }
  const fs::path dir = last_line(outcome.standard_output);
  std::ifstream release_file(dir / "release");
  std::string release;
  std::getline(release_file, release);
  GuestKernel kernel;
  kernel.image = dir / "vmlinuz";
  kernel.release = release;
  kernel.modules_dir = dir / "lib/modules" / release;
  kernel.label = spec;
  return kernel;
}

}  // namespace

fs::path user_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return fs::path(xdg) / "tcpdrill";
  if (const char* home = std::getenv("HOME"); home && *home == '/') return fs::path(home) / ".cache/tcpdrill";
  return fs::temp_directory_path() / "tcpdrill-cache";
}

std::optional<std::string> kernel_image_release(const fs::path& image) {
  std::ifstream in(image, std::ios::binary);
  char header[0x212] = {};
  if (!in.read(header, sizeof header)) return std::nullopt;
  if (std::string_view(header + 0x202, 4) != "HdrS") return std::nullopt;
  const unsigned offset = static_cast<unsigned char>(header[0x20e]) |
                          static_cast<unsigned char>(header[0x20f]) << 8;
  if (offset == 0) return std::nullopt;
  in.seekg(offset + 0x200);
  std::string version;
  if (!(in >> version)) return std::nullopt;
  return version;
}

GuestKernel resolve_guest_kernel(const std::string& spec_or_empty) {
  const std::string spec = spec_or_empty.empty() ? kDefaultKernel : spec_or_empty;
  if (spec.starts_with(kDebianPrefix)) return fetched_debian_kernel(spec);
  std::error_code ec;
  const fs::path image = spec;
  if (!fs::exists(image, ec)) throw VmUnavailable("kernel image " + spec + " does not exist");
  if (!fs::is_regular_file(image, ec)) throw VmUnavailable("kernel image " + spec + " is not a file");
  const std::optional<std::string> release = kernel_image_release(image);
  if (!release) {
    throw VmUnavailable(spec + " is not an x86 kernel image (bzImage, vmlinuz): no boot header");
  }
  GuestKernel kernel;
  kernel.image = fs::absolute(image);
  kernel.release = *release;
  kernel.modules_dir = installed_modules(*release);
  kernel.label = spec;
  return kernel;
}

}  // namespace tcpdrill::vm
