#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "netdev/unique_fd.h"
#include "vm/guest_kernel.h"
#include "vm/guest_machine.h"
#include "vm/guest_snapshot.h"
#include "vm/qemu_command.h"

namespace tcpdrill::vm {

// What --vm, --kernel and --vm-clock ask for.
struct VmSettings {
  std::string kernel;  // empty: the default kernel
  VmClock clock = VmClock::Virtual;
  unsigned memory_mib = 1024;
  // How long a guest may take from QEMU's start to the agent's "ready". TCG on a busy
  // host is slow; a kernel that cannot boot says so on its console long before.
  std::chrono::seconds boot_timeout{180};
  // Where booted guests are saved so that later guests resume instead of booting (empty:
  // never saved). Under the virtual clock only: a KVM guest boots fast anyway.
  std::filesystem::path snapshot_dir;
};

// The default place for saved guests: $XDG_CACHE_HOME/tcpdrill/snapshots.
std::filesystem::path default_snapshot_dir();

// Everything needed to boot guests for one run: the resolved kernel and the initramfs,
// held in an unlinked file (QEMU opens it through /proc), so nothing is left on disk
// whatever ends the run.
class GuestBlueprint {
 public:
  // Resolves the kernel and writes the image with `tcpdrill` and the directories the
  // scripts need. Throws VmUnavailable.
  GuestBlueprint(const VmSettings& settings, const std::filesystem::path& tcpdrill,
                 const std::vector<std::filesystem::path>& scripts,
                 const std::vector<std::filesystem::path>& empty_dirs = {});

  // Starts a guest and waits for its agent: resumed from the snapshot of an earlier boot
  // of the same image, kernel and QEMU when there is one, else booted (and then saved).
  // With `alone`, the guest is for that one request: resumed from the snapshot (saved
  // first if need be) with the request handed in through fw_cfg, so that nothing from
  // the host reaches the guest at a time the host's scheduling decides, and the run is
  // the same to the bit every time. Throws VmUnavailable.
  std::unique_ptr<GuestMachine> boot(int interrupt_fd = -1,
                                     const std::optional<CommandRequest>& alone = std::nullopt) const;

  const GuestKernel& kernel() const { return kernel_; }
  const VmSettings& settings() const { return settings_; }
  std::uint64_t image_bytes() const { return image_bytes_; }
  // Whether a saved guest for this blueprint exists (for boot's `alone` to resume).
  bool has_snapshot() const { return snapshots_ && snapshots_->find(snapshot_key_).has_value(); }

 private:
  GuestMachineConfig machine_config() const;
  std::unique_ptr<GuestMachine> boot_fresh(int interrupt_fd) const;
  // The saved guest resumed (holding `preloaded`); nullptr when there is none or it does
  // not load, which deletes it.
  std::unique_ptr<GuestMachine> resume_saved(const std::optional<CommandRequest>& preloaded) const;

  VmSettings settings_;
  GuestKernel kernel_;
  netdev::UniqueFd image_;
  std::uint64_t image_bytes_ = 0;
  std::string snapshot_key_;
  std::optional<SnapshotStore> snapshots_;
};

// Throws VmUnavailable when QEMU is not installed, or the clock mode needs KVM and
// `kvm_device` is not usable.
void check_vm_host(const VmSettings& settings, const std::string& kvm_device = "/dev/kvm");

}  // namespace tcpdrill::vm
