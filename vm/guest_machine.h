#pragma once

#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>

#include "netdev/unique_fd.h"
#include "vm/control_channel.h"
#include "vm/qemu_command.h"
#include "vm/qmp_client.h"

namespace tcpdrill::vm {

// Why a command got no reply: the guest died (a panic ends QEMU), the host-side deadline
// passed, or the run was cancelled. The machine is unusable afterwards.
struct GuestFailure {
  enum class Kind { Died, TimedOut, Cancelled } kind = Kind::Died;
  std::string message;  // one line, then the guest console's last lines
};

// One QEMU guest running the tcpdrill agent. QEMU runs in its own process group and is
// SIGKILLed with it when this object goes, and by the kernel when the thread that
// started it dies (PR_SET_PDEATHSIG), so no guest outlives the run that needs it.
class GuestMachine {
 public:
  // Starts QEMU. Throws VmUnavailable when it cannot be started. With `preloaded` (and a
  // snapshot to resume), the request is handed to the guest through fw_cfg, for the first
  // run() to run without writing a byte to the guest.
  explicit GuestMachine(const GuestMachineConfig& config, std::optional<CommandRequest> preloaded = std::nullopt);
  ~GuestMachine();
  GuestMachine(const GuestMachine&) = delete;
  GuestMachine& operator=(const GuestMachine&) = delete;

  // Waits for the agent. Throws VmUnavailable (with the console's last lines) when the
  // guest dies, reports it cannot run scripts, or is not up within `timeout`.
  GuestReady wait_ready(std::chrono::steady_clock::duration timeout, int interrupt_fd = -1);

  // Writes the guest's whole state to `fd` (QEMU's migration stream) and lets it run on.
  // Throws std::runtime_error when QEMU cannot.
  void save_state(int fd, std::chrono::steady_clock::duration timeout);
  // For a guest started from a snapshot: waits until QEMU has loaded it, stopped where it
  // was saved, its agent waiting for a request; the first run() lets it go on. Throws
  // VmUnavailable when the snapshot cannot load.
  void wait_resumed(std::chrono::steady_clock::duration timeout);

  // Runs `request`, or the preloaded request in its place when the guest holds one.
  std::variant<CommandReply, GuestFailure> run(const CommandRequest& request,
                                               std::chrono::steady_clock::duration timeout,
                                               int interrupt_fd = -1);

  // The guest console's (and QEMU's own messages') last `lines` lines.
  std::string console_tail(std::size_t lines = 20) const;
  std::string console_text() const;
  bool alive() const { return !dead_; }
  pid_t pid() const { return pid_; }

 private:
  void ensure_monitor(std::chrono::steady_clock::time_point deadline);
  void kill();
  std::string exit_description();

  pid_t pid_ = -1;
  bool dead_ = false;
  int wait_status_ = 0;
  bool stopped_ = false;
  std::optional<CommandRequest> preloaded_;
  netdev::UniqueFd preloaded_file_;
  std::optional<ControlChannel> channel_;
  std::optional<QmpClient> monitor_;
  bool monitor_negotiated_ = false;
  netdev::UniqueFd console_;
  netdev::UniqueFd console_stop_;
  mutable std::mutex console_mutex_;
  std::string console_text_;
  std::thread console_reader_;
  std::uint64_t next_id_ = 1;
};

}  // namespace tcpdrill::vm
