#include "vm/shared_libraries.h"

#include <gtest/gtest.h>

#include "runner/child_process.h"
#include "vm/elf_dynamic_info.h"

namespace tcpdrill::vm {
namespace {
namespace fs = std::filesystem;

std::set<fs::path> canonical(const std::set<fs::path>& paths) {
  std::set<fs::path> result;
  for (const fs::path& path : paths) result.insert(fs::weakly_canonical(path));
  return result;
}

std::vector<fs::path> host_programs() {
  std::vector<fs::path> programs{fs::read_symlink("/proc/self/exe")};
  for (const char* program : {"/bin/sh", "/bin/ip", "/sbin/tc", "/usr/bin/python3", "/usr/sbin/nft"}) {
    if (fs::exists(program)) programs.push_back(fs::canonical(program));
  }
  return programs;
}

TEST(SharedLibraries, ParsesLddOutput) {
  const auto libraries = parse_ldd_output(
      "/usr/bin/ls:\n"
      "\tlinux-vdso.so.1 (0x00007ffd)\n"
      "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n"
      "\t/lib64/ld-linux-x86-64.so.2 (0x00007f)\n"
      "/usr/bin/busybox:\n"
      "\tnot a dynamic executable\n");
  EXPECT_EQ(libraries, (std::set<fs::path>{"/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"}));
}

// The search replaces ldd for speed; it must find the very files the host's loader maps.
TEST(SharedLibraries, FindsWhatTheHostLoaderMaps) {
  const std::vector<fs::path> programs = host_programs();
  runner::ChildRequest request;
  request.argv = {"ldd"};
  for (const fs::path& program : programs) request.argv.push_back(program.string());
  const runner::CancelSignal never;
  const runner::ChildOutcome ldd = runner::run_child(request, never);
  if (ldd.ending != runner::ChildEnding::Exited) GTEST_SKIP() << "ldd is not installed";
  EXPECT_EQ(canonical(shared_libraries_of(programs)), canonical(parse_ldd_output(ldd.standard_output)));
}

TEST(ElfDynamicInfo, ReadsTheInterpreterAndNeededLibrariesOfAProgram) {
  const std::optional<ElfDynamicInfo> info = read_elf_dynamic_info(fs::canonical("/bin/sh"));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->interpreter, "/lib64/ld-linux-x86-64.so.2");
  EXPECT_NE(std::find(info->needed.begin(), info->needed.end(), "libc.so.6"), info->needed.end());
}

TEST(ElfDynamicInfo, ScriptsAndMissingFilesAreNotElf) {
  EXPECT_FALSE(read_elf_dynamic_info("/nonexistent/file"));
  if (fs::exists("/usr/bin/ldd")) {
    EXPECT_FALSE(read_elf_dynamic_info("/usr/bin/ldd"));  // a bash script
  }
}

}  // namespace
}  // namespace tcpdrill::vm
