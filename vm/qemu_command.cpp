#include "vm/qemu_command.h"

#include "vm/firmware_config.h"

namespace tcpdrill::vm {

const char* vm_clock_name(VmClock clock) { return clock == VmClock::Virtual ? "virtual" : "real"; }

std::optional<VmClock> parse_vm_clock(std::string_view text) {
  if (text == "virtual") return VmClock::Virtual;
  if (text == "real") return VmClock::Real;
  return std::nullopt;
}

std::vector<std::string> qemu_command(const GuestMachineConfig& config) {
  std::vector<std::string> argv{config.qemu, "-nodefaults", "-no-user-config", "-display", "none",
                                "-no-reboot", "-machine", "microvm,rtc=on", "-smp", "1",
                                "-m", std::to_string(config.memory_mib)};
  if (config.clock == VmClock::Virtual) {
    // shift=0: one instruction is one nanosecond; sleep=off: an idle guest jumps to its
    // next timer instead of waiting for it. The RTC starts at a fixed date and follows
    // the virtual clock, so nothing in the guest reads the host's time.
    // ARAT (an APIC timer that runs in every C-state): without it and without an HPET,
    // which a microvm lacks, the kernel keeps high-resolution timers off and every sleep
    // ends on a 4 ms tick. qemu64 offers no RDRAND, one source of randomness less.
    argv.insert(argv.end(), {"-accel", "tcg", "-cpu", "qemu64,+arat", "-icount", "shift=0,sleep=off",
                             "-rtc", "base=2025-01-01T00:00:00,clock=vm"});
  } else {
    argv.insert(argv.end(), {"-accel", "kvm", "-cpu", "host"});
  }
  argv.insert(argv.end(),
              {"-kernel", config.kernel.image.string(), "-initrd", config.initramfs.string(),
               // panic=-1 reboot=t: on a panic, reboot at once by a triple fault (a microvm has no
               // keyboard controller to reset through), which -no-reboot turns into QEMU's exit.
               "-append", "console=ttyS0 panic=-1 quiet loglevel=4 rdinit=/init nokaslr norandmaps reboot=t",
               "-chardev", "socket,id=console,fd=" + std::to_string(kQemuConsoleFd),
               "-serial", "chardev:console",
               "-chardev", "socket,id=control,fd=" + std::to_string(kQemuControlFd),
               "-device", "isa-serial,chardev=control,iobase=0x2f8,irq=3",
               "-chardev", "socket,id=monitor,fd=" + std::to_string(kQemuMonitorFd),
               "-mon", "chardev=monitor,mode=control"});
  if (config.snapshot) argv.insert(argv.end(), {"-incoming", "fd:" + std::to_string(kQemuSnapshotFd)});
  if (config.preloaded_request) {
    argv.insert(argv.end(), {"-fw_cfg", "name=" + std::string(kPreloadedRequestName) + ",file=" +
                                            config.preloaded_request->string()});
  }
  return argv;
}

}  // namespace tcpdrill::vm
