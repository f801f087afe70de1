// A guest that panics or never comes up is reported as that, with the console's last
// lines, and leaves no QEMU behind. These boot the default kernel with an initramfs
// made for the case.
#include "vm/guest_machine.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "netdev/unique_fd.h"
#include "vm/cpio_writer.h"
#include "vm/guest_file_tree.h"
#include "vm/shared_libraries.h"
#include "vm/unlinked_file.h"
#include "vm/vm_error.h"
#include "vm/vm_test_support.h"

namespace tcpdrill::vm {
namespace {

namespace fs = std::filesystem;

// An initramfs whose /init is a shell script: the host's sh and its libraries.
struct ScriptedInit {
  explicit ScriptedInit(const std::string& script)
      : file(open_unlinked_file(fs::temp_directory_path())) {
    CpioWriter archive(file.get(), "test initramfs");
    GuestFileTree tree(archive);
    tree.add_host_path("/bin/sh");
    tree.add_host_path("/bin/sleep");
    for (const fs::path& library : shared_libraries_of({fs::canonical("/bin/sh"), fs::canonical("/bin/sleep")})) {
      tree.add_host_path(library);
    }
    tree.add_data("/init", "#!/bin/sh\n" + script, 0755);
    archive.finish();
  }
  std::string path() const { return path_through_proc(file.get()).string(); }
  netdev::UniqueFd file;
};

GuestMachineConfig config_for(const ScriptedInit& init) {
  const fs::path dir = *testing::default_kernel_dir();
  GuestMachineConfig config;
  config.kernel.image = dir / "vmlinuz";
  config.initramfs = init.path();
  return config;
}

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0; }

class GuestMachineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string reason = testing::vm_unavailable_reason(); !reason.empty()) GTEST_SKIP() << reason;
  }
};

TEST_F(GuestMachineTest, APanickingGuestIsReportedWithItsConsole) {
  const ScriptedInit init("echo the init is going away\nexit 3\n");
  GuestMachine guest(config_for(init));
  try {
    guest.wait_ready(std::chrono::seconds(180));
    FAIL() << "the guest came up";
  } catch (const VmUnavailable& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("the guest kernel panicked"), std::string::npos) << message;
    EXPECT_NE(message.find("Attempted to kill init"), std::string::npos) << message;
  }
  EXPECT_FALSE(guest.alive());
}

TEST_F(GuestMachineTest, AGuestThatNeverAnswersIsStoppedAtTheDeadline) {
  const ScriptedInit init("echo waiting forever\nexec sleep 100000\n");
  GuestMachine guest(config_for(init));
  const auto started = std::chrono::steady_clock::now();
  try {
    guest.wait_ready(std::chrono::seconds(20));
    FAIL() << "the guest came up";
  } catch (const VmUnavailable& error) {
    EXPECT_NE(std::string(error.what()).find("did not boot within 20 s"), std::string::npos) << error.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(60));
  EXPECT_FALSE(guest.alive());
}

TEST_F(GuestMachineTest, NoQemuOutlivesTheMachine) {
  const ScriptedInit init("exec sleep 100000\n");
  pid_t qemu = -1;
  {
    GuestMachine guest(config_for(init));
    qemu = guest.pid();
    ASSERT_GT(qemu, 0);
    EXPECT_TRUE(process_exists(qemu));
  }
  EXPECT_FALSE(process_exists(qemu));
}

}  // namespace
}  // namespace tcpdrill::vm
