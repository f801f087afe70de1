#include "vm/vm_executor.h"

#include <fstream>

#include "vm/guest_paths.h"
#include "vm/vm_error.h"

namespace tcpdrill::vm {
namespace fs = std::filesystem;

using runner::ChildEnding;
using runner::ExecutionResult;

std::chrono::milliseconds host_deadline_for(std::chrono::milliseconds guest_timeout) {
  return std::max(guest_timeout * 4, guest_timeout + std::chrono::milliseconds(120'000));
}

std::vector<std::string> output_files_of(const std::vector<std::string>& argv, const fs::path& cwd) {
  static constexpr std::string_view kWritingFlags[] = {"--capture=", "--trace-state=", "--plot="};
  std::vector<std::string> files;
  for (const std::string& arg : argv) {
    for (std::string_view flag : kWritingFlags) {
      if (arg.starts_with(flag) && arg.size() > flag.size()) {
        files.push_back((cwd / arg.substr(flag.size())).lexically_normal().string());
      }
    }
  }
  return files;
}

void write_output_files(const std::map<std::string, std::string>& files, std::string& errors) {
  for (const auto& [path, data] : files) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) errors += "tcpdrill: cannot write " + path + " from the guest\n";
  }
}

VmExecutor::VmExecutor(std::unique_ptr<const GuestBlueprint> blueprint,
                       runner::ChildCommandConfig command, bool guest_per_test)
    : blueprint_(std::move(blueprint)), command_(std::move(command)), guest_per_test_(guest_per_test) {
  command_.tcpdrill = std::string(kGuestTcpdrill);
}

void VmExecutor::adopt(std::unique_ptr<GuestMachine> guest) {
  const std::lock_guard lock(mutex_);
  spare_ = std::move(guest);
}

std::unique_ptr<GuestMachine> VmExecutor::take_guest() {
  const std::lock_guard lock(mutex_);
  auto own = guests_.find(std::this_thread::get_id());
  if (own != guests_.end() && own->second && own->second->alive()) return std::move(own->second);
  return std::move(spare_);
}

void VmExecutor::keep_guest(std::unique_ptr<GuestMachine> guest) {
  const std::lock_guard lock(mutex_);
  guests_[std::this_thread::get_id()] = std::move(guest);
}

ExecutionResult VmExecutor::execute(const runner::TestAttempt& attempt,
                                    const runner::CancelSignal& cancel) {
  ExecutionResult result;
  CommandRequest request;
  request.argv = runner::child_command(command_, attempt);
  request.cwd = attempt.test.script.absolute_path.parent_path().string();
  request.timeout = attempt.timeout;
  request.output_files = output_files_of(request.argv, request.cwd);

  std::unique_ptr<GuestMachine> guest = guest_per_test_ ? nullptr : take_guest();
  const auto started = std::chrono::steady_clock::now();
  if (!guest) {
    try {
      guest = blueprint_->boot(cancel.poll_fd(), guest_per_test_ ? std::optional(request) : std::nullopt);
    } catch (const VmUnavailable& error) {
      result.ending = cancel.requested() ? ChildEnding::Cancelled : ChildEnding::LaunchFailed;
      result.standard_error = std::string("tcpdrill: ") + error.what() + "\n";
      return result;
    }
  }

  auto answer = guest->run(request, host_deadline_for(attempt.timeout), cancel.poll_fd());
  if (auto* reply = std::get_if<CommandReply>(&answer)) {
    result = std::move(reply->outcome);
    write_output_files(reply->files, result.standard_error);
    if (!guest_per_test_) keep_guest(std::move(guest));
    return result;
  }
  const GuestFailure& failure = std::get<GuestFailure>(answer);
  result.duration = std::chrono::steady_clock::now() - started;
  result.standard_error = "tcpdrill: " + failure.message + "\n";
  switch (failure.kind) {
    case GuestFailure::Kind::Cancelled: result.ending = ChildEnding::Cancelled; break;
    case GuestFailure::Kind::TimedOut: result.ending = ChildEnding::TimedOut; break;
    case GuestFailure::Kind::Died: result.ending = ChildEnding::LaunchFailed; break;
  }
  return result;
}

}  // namespace tcpdrill::vm
