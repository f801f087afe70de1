#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "runner/process_executor.h"
#include "vm/guest_blueprint.h"

namespace tcpdrill::vm {

// Runs each test attempt inside a guest: the same tcpdrill child command a host run
// spawns, sent to the guest's agent. Each scheduler thread (-j) has a guest of its own,
// booted on its first test and kept for the next ones; a guest that dies or hangs fails
// its test with the console's last lines and is replaced for the next.
class VmExecutor final : public runner::TestExecutor {
 public:
  // `guest_per_test`: each test in a guest of its own, resumed from the blueprint's
  // snapshot with the test handed in (GuestBlueprint::boot's `alone`): every test's run
  // the same to the bit, at the cost of a resume per test.
  VmExecutor(std::unique_ptr<const GuestBlueprint> blueprint, runner::ChildCommandConfig command,
             bool guest_per_test = false);
  // Hands over a guest booted in advance (the one that showed the kernel boots), for the
  // first thread that asks.
  void adopt(std::unique_ptr<GuestMachine> guest);

  runner::ExecutionResult execute(const runner::TestAttempt& attempt,
                                  const runner::CancelSignal& cancel) override;

 private:
  std::unique_ptr<GuestMachine> take_guest();
  void keep_guest(std::unique_ptr<GuestMachine> guest);

  std::unique_ptr<const GuestBlueprint> blueprint_;
  runner::ChildCommandConfig command_;
  bool guest_per_test_ = false;
  std::mutex mutex_;
  std::unique_ptr<GuestMachine> spare_;
  std::map<std::thread::id, std::unique_ptr<GuestMachine>> guests_;
};

// The host-side wait for a guest's answer: the attempt's timeout runs on the guest's
// clock, which under TCG may run slower than the host's for busy scripts.
std::chrono::milliseconds host_deadline_for(std::chrono::milliseconds guest_timeout);

// Files a tcpdrill command line writes (--capture, --trace-state, --plot), as absolute paths.
std::vector<std::string> output_files_of(const std::vector<std::string>& argv,
                                         const std::filesystem::path& cwd);

// Writes the files a reply carries back; a failure is appended to `errors`.
void write_output_files(const std::map<std::string, std::string>& files, std::string& errors);

}  // namespace tcpdrill::vm
