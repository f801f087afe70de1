// The VM backend as users drive it: `tcpdrill --vm` and `tcpdrill run --vm` on the
// default kernel, and each way a guest cannot be had ending in one clear message and
// exit 125 with no QEMU left.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tcpdrill_process.h"
#include "tests/runner/temp_dir.h"
#include "vm/guest_kernel.h"
#include "vm/vm_test_support.h"

namespace tcpdrill::testing {
namespace {

namespace fs = std::filesystem;

const std::string kScripts = std::string(TCPDRILL_SOURCE_DIR) + "/scripts";

struct QemuProcess {
  pid_t pid = 0;
  pid_t parent = 0;
  std::string command_line;
};

// Every QEMU process on this host.
std::vector<QemuProcess> qemu_processes() {
  std::vector<QemuProcess> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    std::string command((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (command.find("qemu-system") == std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const std::size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t parent = 0;
    rest >> state >> parent;
    if (state != 'Z') found.push_back({std::stoi(name), parent, command});
  }
  return found;
}

// QEMU processes whose command line mentions `marker`.
int qemu_processes_with(const std::string& marker) {
  int count = 0;
  for (const QemuProcess& qemu : qemu_processes()) count += qemu.command_line.find(marker) != std::string::npos;
  return count;
}

// A TempDir that the user nobody may write in too.
struct ScratchDir : runner::testing::TempDir {
  ScratchDir() { fs::permissions(path(), fs::perms::all); }
};

class VmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string reason = vm::testing::vm_unavailable_reason(); !reason.empty()) GTEST_SKIP() << reason;
  }
};

TEST_F(VmTest, APlainUserPassesAScriptWhereTheHostBackendCannotRun) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to switch to the user nobody";
  const std::string dir = kScripts + "/handshake";
  const auto as_nobody = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"-u", "nobody", "--", TCPDRILL_BINARY});
    return run_tcpdrill_as("/usr/sbin/runuser", args, dir);
  };
  const ProcessOutcome host = as_nobody({"passive-open.pkt"});
  EXPECT_EQ(host.exit_code, 125) << host.err;
  const ProcessOutcome vm = as_nobody({"--vm", "passive-open.pkt"});
  EXPECT_EQ(vm.exit_code, 0) << vm.err;
}

TEST_F(VmTest, RunReportsTheGuestKernelAndTheClock) {
  ScratchDir scratch;
  const std::string json = (scratch.path() / "run.json").string();
  const ProcessOutcome run = run_tcpdrill(
      {"run", "--vm", "-4", "--json", json, kScripts + "/handshake/passive-open.pkt"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("1 passed"), std::string::npos) << run.out;
  const auto report = nlohmann::json::parse(read_text_file(json));
  const std::string release = vm::testing::default_kernel_dir() ? read_text_file((*vm::testing::default_kernel_dir() / "release").string()) : "";
  EXPECT_EQ(report["kernel_release"].get<std::string>() + "\n", release);
  EXPECT_EQ(report["backend"], std::string("vm, ") + vm::kDefaultKernel + ", virtual clock");
}

TEST_F(VmTest, AHungScriptTimesOutOnTheGuestClock) {
  ScratchDir scratch;
  std::ofstream(scratch.path() / "hang.pkt") << "0 `sleep 100000`\n";
  const auto started = std::chrono::steady_clock::now();
  const ProcessOutcome run = run_tcpdrill({"run", "--vm", "-4", "--timeout", "5", scratch.path().string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("TIMEOUT"), std::string::npos) << run.out;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(170));
}

TEST_F(VmTest, AMissingKernelIs125) {
  const ProcessOutcome run = run_tcpdrill({"--vm", "--kernel", "/nonexistent/bzImage", kScripts + "/handshake/passive-open.pkt"});
  EXPECT_EQ(run.exit_code, 125);
  EXPECT_EQ(run.err, "tcpdrill: kernel image /nonexistent/bzImage does not exist\n");
  const ProcessOutcome suite = run_tcpdrill({"run", "--vm", "--kernel", "/nonexistent/bzImage", kScripts + "/handshake"});
  EXPECT_EQ(suite.exit_code, 125);
  EXPECT_EQ(suite.err, "tcpdrill run: kernel image /nonexistent/bzImage does not exist\n");
}

TEST_F(VmTest, MissingQemuIs125) {
  const ProcessOutcome run = run_tcpdrill_as(
      "/usr/bin/env", {"PATH=/nonexistent", TCPDRILL_BINARY, "--vm", kScripts + "/handshake/passive-open.pkt"});
  EXPECT_EQ(run.exit_code, 125);
  EXPECT_NE(run.err.find("QEMU is not installed"), std::string::npos) << run.err;
}

// The default kernel's image by path: its TUN driver is a module, and a kernel named by
// path brings only the modules installed on this host for its release, none here.
TEST_F(VmTest, AKernelWithoutTunIs125AndLeavesNoGuest) {
  // A copy at a path of its own, so that other guests of the same kernel (other tests
  // run in parallel) do not count as this one's.
  ScratchDir scratch;
  const fs::path image = scratch.path() / "bzImage";
  fs::copy_file(*vm::testing::default_kernel_dir() / "vmlinuz", image);
  const std::string release = read_text_file((*vm::testing::default_kernel_dir() / "release").string());
  if (fs::exists("/lib/modules/" + release.substr(0, release.size() - 1))) {
    GTEST_SKIP() << "this host has the default kernel's modules installed";
  }
  const ProcessOutcome run = run_tcpdrill({"--vm", "--kernel", image.string(), kScripts + "/handshake/passive-open.pkt"});
  EXPECT_EQ(run.exit_code, 125) << run.err;
  EXPECT_NE(run.err.find("has no TUN device"), std::string::npos) << run.err;
  EXPECT_EQ(qemu_processes_with(image.string()), 0);
}

TEST_F(VmTest, AFailedDownloadIs125AndLeavesNothingHalfWritten) {
  ScratchDir cache;
  // A mirror on this machine's loopback that does not answer: nothing leaves the host.
  const ProcessOutcome run = run_tcpdrill_as(
      "/usr/bin/env", {"XDG_CACHE_HOME=" + cache.path().string(), "TCPDRILL_DEBIAN_MIRROR=http://127.0.0.1:9/debian",
                       TCPDRILL_BINARY, "--vm", "--kernel", "debian:5.10", kScripts + "/handshake/passive-open.pkt"});
  EXPECT_EQ(run.exit_code, 125);
  EXPECT_NE(run.err.find("cannot fetch kernel debian:5.10: apt-get update failed"), std::string::npos) << run.err;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(cache.path() / "tcpdrill/kernels", ec)) {
    ADD_FAILURE() << "left in the cache: " << entry.path();
  }
}

TEST_F(VmTest, ABadKernelNameIs125) {
  const ProcessOutcome run = run_tcpdrill({"--vm", "--kernel", "debian:6.1;rm", kScripts + "/handshake/passive-open.pkt"});
  EXPECT_EQ(run.exit_code, 125);
  EXPECT_NE(run.err.find("is not a Debian kernel version"), std::string::npos) << run.err;
}


// The QEMU processes that `parent` started.
std::vector<pid_t> qemu_children_of(pid_t parent) {
  std::vector<pid_t> children;
  for (const QemuProcess& qemu : qemu_processes()) {
    if (qemu.parent == parent) children.push_back(qemu.pid);
  }
  return children;
}

TEST_F(VmTest, KillingTheRunnerKillsItsGuests) {
  ScratchDir scratch;
  std::ofstream(scratch.path() / "hang.pkt") << "0 `sleep 100000`\n";
  const pid_t runner = ::fork();
  if (runner == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    ::execl(TCPDRILL_BINARY, TCPDRILL_BINARY, "run", "--vm", "-4", "--timeout", "600", scratch.path().c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::vector<pid_t> guests;
  for (int i = 0; i < 1200 && guests.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    guests = qemu_children_of(runner);
  }
  ASSERT_FALSE(guests.empty()) << "no guest started";
  ::kill(runner, SIGKILL);
  ::waitpid(runner, nullptr, 0);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  for (const QemuProcess& qemu : qemu_processes()) {
    for (pid_t guest : guests) EXPECT_NE(qemu.pid, guest) << "a guest outlived the runner: " << qemu.command_line;
  }
}


std::vector<fs::path> snapshots_in(const fs::path& cache) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(cache / "tcpdrill" / "snapshots", ec)) found.push_back(entry.path());
  return found;
}

// The first run saves its booted guest in the user's cache; the next run of the same
// scripts resumes it (and marks it used); a snapshot that cannot load is replaced.
TEST_F(VmTest, ALaterRunResumesTheSavedGuestAndABrokenSnapshotIsReplaced) {
  ScratchDir scratch;
  const fs::path cache = scratch.path() / "cache";
  const auto run_with_cache = [&] {
    return run_tcpdrill_as("/usr/bin/env", {"XDG_CACHE_HOME=" + cache.string(), TCPDRILL_BINARY, "--vm",
                                            kScripts + "/handshake/passive-open.pkt"});
  };
  ProcessOutcome run = run_with_cache();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<fs::path> saved = snapshots_in(cache);
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_GT(fs::file_size(saved[0]), 1u << 20);
  fs::last_write_time(saved[0], fs::last_write_time(saved[0]) - std::chrono::hours(1));
  const auto before = fs::last_write_time(saved[0]);

  run = run_with_cache();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_GT(fs::last_write_time(saved[0]), before) << "the second run did not use the snapshot";

  std::ofstream(saved[0], std::ios::trunc) << "not a guest";
  run = run_with_cache();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_EQ(snapshots_in(cache).size(), 1u);
  EXPECT_GT(fs::file_size(snapshots_in(cache)[0]), 1u << 20) << "the broken snapshot was not replaced";
  EXPECT_EQ(qemu_processes_with(cache.string()), 0);
}

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Nothing from the host reaches a guest resumed for one test: the same command run twice
// captures the same bytes, ports, initial sequence numbers, timestamps and all; `run
// --vm-exact` too. The same command: a capture file of another name is another request,
// and the guest's random numbers follow everything the guest does.
TEST_F(VmTest, ExactRunsCaptureTheSameBytes) {
  ScratchDir scratch;
  const std::string cache = "XDG_CACHE_HOME=" + (scratch.path() / "cache").string();
  const std::string script = kScripts + "/timers/syn-retransmit.pkt";
  const fs::path capture = scratch.path() / "capture.pcap";
  for (const char* kept : {"a.pcap", "b.pcap"}) {
    const ProcessOutcome run =
        run_tcpdrill_as("/usr/bin/env", {cache, TCPDRILL_BINARY, "--vm", "--capture=" + capture.string(), script});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    fs::rename(capture, scratch.path() / kept);
  }
  const std::string first = file_bytes(scratch.path() / "a.pcap");
  EXPECT_GT(first.size(), 24u);
  EXPECT_EQ(first, file_bytes(scratch.path() / "b.pcap"));

  const fs::path captures_dir = scratch.path() / "run";
  for (const char* kept : {"run-a", "run-b"}) {
    const ProcessOutcome run = run_tcpdrill_as(
        "/usr/bin/env", {cache, TCPDRILL_BINARY, "run", "--vm", "--vm-exact", "-4", "-j2", "--capture",
                         captures_dir.string(), "--capture-all", script, kScripts + "/handshake/passive-open.pkt"});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    fs::rename(captures_dir, scratch.path() / kept);
  }
  const std::vector<std::string> captures = files_with_extension((scratch.path() / "run-a").string(), ".pcap");
  ASSERT_EQ(captures.size(), 2u);
  for (const std::string& file : captures) {
    const fs::path name = fs::path(file).filename();
    EXPECT_EQ(file_bytes(file), file_bytes(scratch.path() / "run-b" / name)) << name;
  }
}

TEST(VmFlags, AreCheckedBeforeAnythingRuns) {
  const std::string script = kScripts + "/handshake/passive-open.pkt";
  ProcessOutcome run = run_tcpdrill({"--kernel", "debian:6.1", script});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--kernel needs --vm"), std::string::npos) << run.err;
  run = run_tcpdrill({"--vm", "--vm-clock=fast", script});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--vm-clock must be virtual or real, not 'fast'"), std::string::npos) << run.err;
  run = run_tcpdrill({"run", "--vm-clock", "real", script});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--vm-clock needs --vm"), std::string::npos) << run.err;
  run = run_tcpdrill({"run", "--vm-exact", script});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--vm-exact needs --vm"), std::string::npos) << run.err;
}


// The guest hands back every file a run writes: the timeline, the picture, the pcap.
TEST_F(VmTest, TimelinePictureAndPcapComeBackFromTheGuest) {
  ScratchDir scratch;
  const std::string csv = (scratch.path() / "t.csv").string();
  const std::string svg = (scratch.path() / "p.svg").string();
  const std::string pcap = (scratch.path() / "c.pcap").string();
  const ProcessOutcome run = run_tcpdrill(
      {"--vm", "--trace-state=" + csv, "--plot=" + svg, "--capture=" + pcap, kScripts + "/handshake/passive-open.pkt"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(read_text_file(csv).find("snd_cwnd"), std::string::npos);
  EXPECT_NE(read_text_file(svg).find("<svg"), std::string::npos);
  EXPECT_GT(fs::file_size(pcap), 24u);
}

}  // namespace
}  // namespace tcpdrill::testing
