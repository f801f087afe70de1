#include "vm/guest_blueprint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "netdev/executable_search.h"
#include "runner/child_process.h"
#include "vm/guest_image.h"
#include "vm/unlinked_file.h"
#include "vm/vm_error.h"

namespace tcpdrill::vm {
namespace fs = std::filesystem;

namespace {

netdev::UniqueFd anonymous_file() {
  const fs::path dir = fs::temp_directory_path();
  netdev::UniqueFd fd = open_unlinked_file(dir);
  if (!fd.valid()) {
    throw VmUnavailable("cannot create the guest image in " + dir.string() + ": " + std::strerror(errno));
  }
  return fd;
}

// A private directory removed with its contents when the scope ends.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "tcpdrill-vm-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// tcpdrill without its debug information, which would triple the image the guest holds
// in memory (a RelWithDebInfo build is 60 MB); the original where strip is missing.
fs::path without_debug_info(const fs::path& binary, const ScratchDir& scratch) {
  if (scratch.path().empty()) return binary;
  const fs::path stripped = scratch.path() / "tcpdrill";
  runner::ChildRequest request;
  request.argv = {"strip", "--strip-debug", "-o", stripped.string(), binary.string()};
  request.timeout = std::chrono::seconds(60);
  const runner::CancelSignal never;
  const runner::ChildOutcome outcome = runner::run_child(request, never);
  const bool ok = outcome.ending == runner::ChildEnding::Exited && outcome.exit_code == 0;
  return ok ? stripped : binary;
}

}  // namespace

void check_vm_host(const VmSettings& settings, const std::string& kvm_device) {
  if (!netdev::find_executable(GuestMachineConfig{}.qemu, netdev::executable_search_path())) {
    throw VmUnavailable("QEMU is not installed: --vm needs qemu-system-x86_64 (Debian package qemu-system-x86)");
  }
  if (settings.clock == VmClock::Real && ::access(kvm_device.c_str(), R_OK | W_OK) != 0) {
    throw VmUnavailable("--vm-clock=real needs KVM, and " + kvm_device + " is not usable here (" +
                        std::strerror(errno) + "); --vm-clock=virtual needs no KVM");
  }
}

GuestBlueprint::GuestBlueprint(const VmSettings& settings, const fs::path& tcpdrill,
                               const std::vector<fs::path>& scripts,
                               const std::vector<fs::path>& empty_dirs)
    : settings_(settings), kernel_(resolve_guest_kernel(settings.kernel)), image_(anonymous_file()) {
  const ScratchDir scratch;
  GuestImageSpec spec;
  spec.tcpdrill = without_debug_info(tcpdrill, scratch);
  spec.kernel_release = kernel_.release;
  spec.modules_dir = kernel_.modules_dir;
  try {
    spec.shared_dirs = directories_to_share(scripts);
    spec.empty_dirs = empty_dirs;
    image_bytes_ = write_guest_image(spec, image_.get()).bytes;
  } catch (const std::runtime_error& error) {
    throw VmUnavailable(std::string("cannot build the guest image: ") + error.what());
  }
  if (settings_.clock != VmClock::Virtual || settings_.snapshot_dir.empty()) return;
  SnapshotKey key;
  const GuestMachineConfig config = machine_config();
  for (const std::string& arg : qemu_command(config)) {
    if (arg != config.initramfs.string()) key.add(arg);
  }
  if (const std::optional<std::string> qemu = netdev::find_executable(config.qemu, netdev::executable_search_path()))
    key.add_file(*qemu);
  key.add_file(kernel_.image);
  key.add_contents(image_.get());
  snapshot_key_ = key.hex();
  snapshots_.emplace(settings_.snapshot_dir);
}

fs::path default_snapshot_dir() { return user_cache_dir() / "snapshots"; }

GuestMachineConfig GuestBlueprint::machine_config() const {
  GuestMachineConfig config;
  config.kernel = kernel_;
  // QEMU opens the unlinked image through this process's descriptor.
  config.initramfs = path_through_proc(image_.get());
  config.clock = settings_.clock;
  config.memory_mib = settings_.memory_mib;
  return config;
}

std::unique_ptr<GuestMachine> GuestBlueprint::boot_fresh(int interrupt_fd) const {
  auto machine = std::make_unique<GuestMachine>(machine_config());
  machine->wait_ready(settings_.boot_timeout, interrupt_fd);
  return machine;
}

std::unique_ptr<GuestMachine> GuestBlueprint::resume_saved(const std::optional<CommandRequest>& preloaded) const {
  const std::optional<fs::path> saved = snapshots_->find(snapshot_key_);
  if (!saved) return nullptr;
  GuestMachineConfig config = machine_config();
  config.snapshot = *saved;
  try {
    auto machine = std::make_unique<GuestMachine>(config, preloaded);
    machine->wait_resumed(settings_.boot_timeout);
    return machine;
  } catch (const VmUnavailable&) {
    // A snapshot torn by a crash or written by another QEMU build: boot, and save anew.
    snapshots_->forget(snapshot_key_);
    return nullptr;
  }
}

std::unique_ptr<GuestMachine> GuestBlueprint::boot(int interrupt_fd, const std::optional<CommandRequest>& alone) const {
  if (!snapshots_) return boot_fresh(interrupt_fd);
  if (auto resumed = resume_saved(alone)) return resumed;
  std::unique_ptr<GuestMachine> machine = boot_fresh(interrupt_fd);
  try {
    snapshots_->save(snapshot_key_, [&](int fd) { machine->save_state(fd, settings_.boot_timeout); });
  } catch (const std::runtime_error&) {
    // Saving is an optimisation: a guest that cannot be saved still runs the tests. One
    // whose QEMU died while saving is found dead by its first test, which says why.
    return machine;
  }
  if (!alone) return machine;
  machine.reset();
  if (auto resumed = resume_saved(alone)) return resumed;
  return boot_fresh(interrupt_fd);
}

}  // namespace tcpdrill::vm
