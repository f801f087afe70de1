#include "vm/guest_kernel.h"

#include <gtest/gtest.h>

#include <fstream>

#include "runner/temp_dir.h"
#include "vm/vm_error.h"

namespace tcpdrill::vm {
namespace {

using runner::testing::TempDir;

// A file with an x86 boot header whose kernel_version field points at `version`.
std::filesystem::path fake_bzimage(const TempDir& dir, const std::string& version) {
  std::string image(0x400, '\0');
  image.replace(0x202, 4, "HdrS");
  const unsigned offset = 0x300 - 0x200;
  image[0x20e] = static_cast<char>(offset & 0xff);
  image[0x20f] = static_cast<char>(offset >> 8);
  image.replace(0x300, version.size(), version);
  const auto path = dir.path() / "bzImage";
  std::ofstream(path, std::ios::binary) << image;
  return path;
}

TEST(GuestKernel, ReadsTheReleaseFromTheBootHeader) {
  TempDir dir;
  const auto image = fake_bzimage(dir, "6.18.0-rc1+ (me@box) #3 SMP");
  EXPECT_EQ(kernel_image_release(image), "6.18.0-rc1+");
  const GuestKernel kernel = resolve_guest_kernel(image.string());
  EXPECT_EQ(kernel.release, "6.18.0-rc1+");
  EXPECT_EQ(kernel.image, image);
}

TEST(GuestKernel, AMissingPathIsUnavailable) {
  try {
    resolve_guest_kernel("/nonexistent/bzImage");
    FAIL() << "no exception";
  } catch (const VmUnavailable& error) {
    EXPECT_STREQ(error.what(), "kernel image /nonexistent/bzImage does not exist");
  }
}

TEST(GuestKernel, AFileWithoutABootHeaderIsNotAKernel) {
  TempDir dir;
  const auto file = dir.write("notes.txt", std::string(0x400, 'x'));
  EXPECT_EQ(kernel_image_release(file), std::nullopt);
  EXPECT_THROW(resolve_guest_kernel(file.string()), VmUnavailable);
  EXPECT_THROW(resolve_guest_kernel(dir.path().string()), VmUnavailable);
}

// Sets an environment variable for the scope, restoring it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value, 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(GuestKernel, CacheFollowsXdgThenHome) {
  {
    const ScopedEnv xdg("XDG_CACHE_HOME", "/x/cache");
    EXPECT_EQ(user_cache_dir(), "/x/cache/tcpdrill");
  }
  const ScopedEnv xdg("XDG_CACHE_HOME", nullptr);
  const ScopedEnv home("HOME", "/home/u");
  EXPECT_EQ(user_cache_dir(), "/home/u/.cache/tcpdrill");
}

}  // namespace
}  // namespace tcpdrill::vm
