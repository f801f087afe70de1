#include "vm/qemu_command.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tcpdrill::vm {
namespace {

bool has_pair(const std::vector<std::string>& argv, const std::string& flag, const std::string& value) {
  for (std::size_t i = 0; i + 1 < argv.size(); ++i) {
    if (argv[i] == flag && argv[i + 1] == value) return true;
  }
  return false;
}

GuestMachineConfig config_with(VmClock clock) {
  GuestMachineConfig config;
  config.kernel.image = "/k/vmlinuz";
  config.initramfs = "/proc/1/fd/9";
  config.clock = clock;
  return config;
}

TEST(QemuCommand, VirtualClockCountsInstructionsAndSkipsIdleTime) {
  const auto argv = qemu_command(config_with(VmClock::Virtual));
  EXPECT_TRUE(has_pair(argv, "-accel", "tcg"));
  EXPECT_TRUE(has_pair(argv, "-icount", "shift=0,sleep=off"));
  EXPECT_TRUE(has_pair(argv, "-cpu", "qemu64,+arat"));  // high-resolution timers
  EXPECT_TRUE(has_pair(argv, "-rtc", "base=2025-01-01T00:00:00,clock=vm"));
  EXPECT_TRUE(has_pair(argv, "-kernel", "/k/vmlinuz"));
  EXPECT_TRUE(has_pair(argv, "-initrd", "/proc/1/fd/9"));
  EXPECT_TRUE(has_pair(argv, "-smp", "1"));
  EXPECT_NE(std::find(argv.begin(), argv.end(), "-no-reboot"), argv.end());
}

TEST(QemuCommand, RealClockUsesKvm) {
  const auto argv = qemu_command(config_with(VmClock::Real));
  EXPECT_TRUE(has_pair(argv, "-accel", "kvm"));
  EXPECT_EQ(std::find(argv.begin(), argv.end(), "-icount"), argv.end());
}

TEST(QemuCommand, ControlChannelIsTheSecondSerialPortOnAnInheritedSocket) {
  const auto argv = qemu_command(config_with(VmClock::Virtual));
  EXPECT_TRUE(has_pair(argv, "-chardev", "socket,id=console,fd=3"));
  EXPECT_TRUE(has_pair(argv, "-chardev", "socket,id=control,fd=4"));
  EXPECT_TRUE(has_pair(argv, "-device", "isa-serial,chardev=control,iobase=0x2f8,irq=3"));
}

TEST(QemuCommand, TheMonitorIsOnAnInheritedSocketAndASnapshotIsReadFromItsDescriptor) {
  GuestMachineConfig config = config_with(VmClock::Virtual);
  auto argv = qemu_command(config);
  EXPECT_TRUE(has_pair(argv, "-chardev", "socket,id=monitor,fd=5"));
  EXPECT_TRUE(has_pair(argv, "-mon", "chardev=monitor,mode=control"));
  EXPECT_EQ(std::find(argv.begin(), argv.end(), "-incoming"), argv.end());
  config.snapshot = "/cache/k.snapshot";
  argv = qemu_command(config);
  EXPECT_TRUE(has_pair(argv, "-incoming", "fd:6"));
}

TEST(QemuCommand, ParsesClockNames) {
  EXPECT_EQ(parse_vm_clock("virtual"), VmClock::Virtual);
  EXPECT_EQ(parse_vm_clock("real"), VmClock::Real);
  EXPECT_EQ(parse_vm_clock("fast"), std::nullopt);
}

}  // namespace
}  // namespace tcpdrill::vm

#include "vm/guest_blueprint.h"
#include "vm/vm_error.h"

namespace tcpdrill::vm {
namespace {

TEST(VmHostCheck, TheRealClockNeedsAUsableKvmDevice) {
  VmSettings settings;
  settings.clock = VmClock::Real;
  try {
    check_vm_host(settings, "/nonexistent/kvm");
    FAIL() << "no exception";
  } catch (const VmUnavailable& error) {
    EXPECT_NE(std::string(error.what()).find("--vm-clock=real needs KVM, and /nonexistent/kvm is not usable here"),
              std::string::npos)
        << error.what();
  }
  settings.clock = VmClock::Virtual;
  EXPECT_NO_THROW(check_vm_host(settings, "/nonexistent/kvm"));
}

}  // namespace
}  // namespace tcpdrill::vm
