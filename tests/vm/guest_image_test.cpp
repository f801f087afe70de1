#include "vm/guest_image.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <map>

#include "netdev/unique_fd.h"
#include "runner/temp_dir.h"
#include "vm/shared_libraries.h"
#include "vm/unlinked_file.h"

namespace tcpdrill::vm {
namespace {

namespace fs = std::filesystem;
using runner::testing::TempDir;

struct Entry {
  mode_t type = 0;
  std::string link;
  std::int64_t size = 0;
};

// The archive's entries by absolute guest path, read back with libarchive.
std::map<std::string, Entry> read_archive(int fd) {
  ::lseek(fd, 0, SEEK_SET);
  std::map<std::string, Entry> entries;
  archive* reader = archive_read_new();
  archive_read_support_format_cpio(reader);
  EXPECT_EQ(archive_read_open_fd(reader, fd, 1 << 16), ARCHIVE_OK);
  archive_entry* entry = nullptr;
  while (archive_read_next_header(reader, &entry) == ARCHIVE_OK) {
    Entry e;
    e.type = archive_entry_filetype(entry);
    if (const char* link = archive_entry_symlink(entry)) e.link = link;
    e.size = archive_entry_size(entry);
    entries["/" + std::string(archive_entry_pathname(entry))] = e;
  }
  archive_read_free(reader);
  return entries;
}

// Follows the archive's own links, as the guest kernel would; "" when it dangles.
std::string resolve(const std::map<std::string, Entry>& entries, const std::string& path, int depth = 0) {
  if (depth > 40) return "";
  fs::path walked = "/";
  const fs::path input = path;
  for (auto part = ++input.begin(); part != input.end(); ++part) {
    walked /= *part;
    const auto found = entries.find(walked.string());
    if (found == entries.end()) return "";
    if (found->second.type == AE_IFLNK) {
      fs::path target = found->second.link;
      if (!target.is_absolute()) target = walked.parent_path() / target;
      for (auto rest = std::next(part); rest != input.end(); ++rest) target /= *rest;
      return resolve(entries, target.lexically_normal().string(), depth + 1);
    }
  }
  return walked.string();
}

struct GuestImageFixture : ::testing::Test {
  GuestImageFixture() : image(open_unlinked_file(fs::temp_directory_path())) {}
  std::map<std::string, Entry> write(const GuestImageSpec& spec) {
    write_guest_image(spec, image.get());
    return read_archive(image.get());
  }
  TempDir dir;
  netdev::UniqueFd image;
};

TEST_F(GuestImageFixture, InitIsTcpdrillWithItsLibraries) {
  GuestImageSpec spec;
  spec.tcpdrill = "/proc/self/exe";
  spec.tcpdrill = fs::read_symlink("/proc/self/exe");
  const auto entries = write(spec);
  EXPECT_EQ(resolve(entries, "/init"), "/usr/libexec/tcpdrill/tcpdrill");
  EXPECT_EQ(entries.at("/usr/libexec/tcpdrill/tcpdrill").size, static_cast<std::int64_t>(fs::file_size(spec.tcpdrill)));
  for (const fs::path& library : shared_libraries_of({spec.tcpdrill})) {
    const std::string resolved = resolve(entries, library.string());
    ASSERT_FALSE(resolved.empty()) << library;
    EXPECT_EQ(entries.at(resolved).type, AE_IFREG) << library;
  }
}

TEST_F(GuestImageFixture, HostProgramsKeepTheirPathsThroughLinks) {
  GuestImageSpec spec;
  spec.tcpdrill = fs::read_symlink("/proc/self/exe");
  const auto entries = write(spec);
  for (const char* program : {"/bin/sh", "/usr/bin/env"}) {
    const std::string resolved = resolve(entries, program);
    ASSERT_FALSE(resolved.empty()) << program;
    EXPECT_EQ(entries.at(resolved).type, AE_IFREG) << program;
  }
  if (fs::exists("/usr/bin/python3")) {
    EXPECT_FALSE(resolve(entries, "/usr/bin/python3").empty());
  }
  EXPECT_EQ(entries.at("/etc/passwd").type, AE_IFREG);
}

TEST_F(GuestImageFixture, SharedDirectoriesAndModulesAreCopied) {
  dir.write("suite/common/defaults.sh", "#!/bin/sh\n");
  dir.write("suite/tcp/a.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
  dir.write("suite/.git/HEAD", "ref\n");
  dir.write("modules/kernel/drivers/net/tun.ko", "module");
  dir.write("modules/modules.dep", "kernel/drivers/net/tun.ko:\n");
  GuestImageSpec spec;
  spec.tcpdrill = fs::read_symlink("/proc/self/exe");
  spec.kernel_release = "6.1.0-test";
  spec.modules_dir = dir.path() / "modules";
  spec.shared_dirs = {dir.path() / "suite"};
  spec.empty_dirs = {dir.path() / "elsewhere/cwd"};
  const auto entries = write(spec);
  const std::string suite = (dir.path() / "suite").string();
  EXPECT_EQ(entries.at(suite + "/common/defaults.sh").type, AE_IFREG);
  EXPECT_EQ(entries.at(suite + "/tcp/a.pkt").type, AE_IFREG);
  EXPECT_EQ(entries.count(suite + "/.git/HEAD"), 0u);
  const std::string tun = resolve(entries, "/lib/modules/6.1.0-test/kernel/drivers/net/tun.ko");
  ASSERT_FALSE(tun.empty());
  EXPECT_EQ(entries.at(tun).size, 6);
  EXPECT_EQ(entries.at((dir.path() / "elsewhere/cwd").string()).type, AE_IFDIR);
}

TEST(DirectoriesToShare, TakesTheParentOfEachScriptsDirectoryAndMergesNested) {
  TempDir dir;
  const auto a = dir.write("suite/tcp/a.pkt", "");
  const auto b = dir.write("suite/udp/b.pkt", "");
  const auto c = dir.write("suite/tcp/deep/c.pkt", "");
  EXPECT_EQ(directories_to_share({a, b, c}), std::vector<fs::path>{dir.path() / "suite"});
}

TEST(DirectoriesToShare, FallsBackToTheScriptsOwnDirectoryWhenTheParentIsLarge) {
  TempDir dir;
  const auto a = dir.write("big/suite/a.pkt", "");
  dir.write("big/blob", std::string(4096, 'x'));
  EXPECT_EQ(directories_to_share({a}, 1024), std::vector<fs::path>{dir.path() / "big/suite"});
  dir.write("big/suite/blob", std::string(4096, 'x'));
  EXPECT_THROW(directories_to_share({a}, 1024), std::runtime_error);
}

}  // namespace
}  // namespace tcpdrill::vm
