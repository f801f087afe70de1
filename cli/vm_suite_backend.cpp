#include "cli/vm_suite_backend.h"

#include <set>

#include "vm/guest_blueprint.h"
#include "vm/vm_error.h"
#include "vm/vm_executor.h"

namespace tcpdrill::cli {

runner::SuiteBackend make_vm_suite_backend(const runner::RunOptions& options,
                                           const std::vector<runner::TestCase>& cases,
                                           const runner::ChildCommandConfig& command,
                                           const runner::CancelSignal& cancel) {
  vm::VmSettings settings;
  settings.kernel = options.kernel;
  settings.snapshot_dir = vm::default_snapshot_dir();
  settings.clock = vm::parse_vm_clock(options.vm_clock).value_or(vm::VmClock::Virtual);
  std::set<std::filesystem::path> scripts;
  for (const runner::TestCase& test : cases) scripts.insert(test.script.absolute_path);
  try {
    vm::check_vm_host(settings);
    auto blueprint = std::make_unique<const vm::GuestBlueprint>(
        settings, command.tcpdrill, std::vector<std::filesystem::path>(scripts.begin(), scripts.end()));
    std::unique_ptr<vm::GuestMachine> first = blueprint->boot(cancel.poll_fd());
    if (options.vm_exact && !blueprint->has_snapshot()) {
      throw runner::BackendUnavailable("--vm-exact resumes every test from the saved boot, and it could not be saved in " +
                                       settings.snapshot_dir.string() + " (set XDG_CACHE_HOME to a writable directory)");
    }
    runner::SuiteBackend backend;
    backend.kernel_release = blueprint->kernel().release;
    backend.description = "vm, " + blueprint->kernel().label + ", " +
                          vm::vm_clock_name(settings.clock) + " clock" +
                          (options.vm_exact ? ", a guest per test" : "");
    backend.host_timing = settings.clock != vm::VmClock::Virtual;
    auto executor = std::make_unique<vm::VmExecutor>(std::move(blueprint), command, options.vm_exact);
    if (!options.vm_exact) executor->adopt(std::move(first));
    backend.executor = std::move(executor);
    return backend;
  } catch (const vm::VmUnavailable& error) {
    throw runner::BackendUnavailable(error.what());
  }
}

}  // namespace tcpdrill::cli
