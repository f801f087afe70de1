#include "runtime/script_run.h"

#include <pthread.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "netdev/namespace_sweeper.h"
#include "parser/kernel_guard.h"
#include "parser/script_error.h"
#include "runtime/event_loop.h"
#include "runtime/failure_report.h"
#include "runtime/host_backend.h"
#include "runtime/icmp_name_check.h"
#include "runtime/packet_events.h"
#include "runtime/python_code_runner.h"
#include "runtime/realtime_scheduling.h"
#include "runtime/run_failure.h"
#include "runtime/shell_command.h"
#include "runtime/socket_tracker.h"
#include "runtime/state_recorder.h"
#include "runtime/steady_memory_map.h"
#include "trace/time_sequence_svg.h"
#include "trace/timeline_csv.h"

namespace tcpdrill::runtime {
namespace {

// Enough for the event loop's helper threads, which only wait and make one syscall.
constexpr size_t kThreadStackBytes = 256 * 1024;

ast::KernelVersion running_kernel(const RunConfig& config) {
  if (config.kernel_version) return *config.kernel_version;
  utsname name{};
  uname(&name);
  return parse_kernel_release(name.release);
}

// Locked memory keeps wake-ups punctual, as in packetdrill; it needs a privilege a test
// may lack, and the run goes on without it. The run's threads get small stacks: they
// only wait and make one syscall at a time. The memory map is made steady before any of
// them starts, with stacks of that size.
void prepare_process(const RunConfig& config, std::ostream& log) {
  pthread_attr_t small_stacks;
  pthread_attr_init(&small_stacks);
  pthread_attr_setstacksize(&small_stacks, kThreadStackBytes);
  pthread_setattr_default_np(&small_stacks);
  pthread_attr_destroy(&small_stacks);
  make_memory_map_steady();

  // MCL_ONFAULT locks pages as they are touched: the same protection from paging for
  // what the run uses, without making every mapped library page resident up front
  // (3 ms with libpcap's dependencies).
  if (mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) != 0 && config.verbose)
    log << "note: running without locked memory: " << std::strerror(errno) << "\n";
}

codec::IpAddress codec_address(const netdev::IpAddress& address) {
  codec::IpAddress converted;
  converted.family = address.family == AF_INET6 ? codec::IpFamily::V6 : codec::IpFamily::V4;
  converted.bytes = address.bytes;
  return converted;
}

// Whether any event expects a packet from the kernel, whose time is then checked.
bool checks_outbound_packets(const std::vector<const ast::Event*>& events) {
  return std::any_of(events.begin(), events.end(), [](const ast::Event* event) {
    const auto* packet = std::get_if<ast::Packet>(&event->action);
    return packet != nullptr && packet->direction == ast::Direction::Outbound;
  });
}

// Helper commands find packetdrill's pid under this name (sysctl restore scripts).
void export_pid() {
  const std::string pid = std::to_string(getpid());
  setenv("PACKETDRILL_PID", pid.c_str(), 1);
  setenv("TCPDRILL_PID", pid.c_str(), 1);
}

// Everything one run holds, in the order it must be taken down: declared first,
// destroyed last.
class ScriptSession {
 public:
  ScriptSession(const ast::Script& script, const RunConfig& config, std::ostream& log)
      : script_(script), config_(config), log_(log) {}

  void run() {
    const std::vector<const ast::Event*> events = select_events(script_, running_kernel(config_));
    check_icmp_names(events, script_.path, config_.ip_version);
    set_up(checks_outbound_packets(events));
    std::exception_ptr failure;
    try {
      run_init_command();
      ScriptClock clock(clock_);
      syscalls_->script_to_wall_usecs = [&clock](int64_t usecs) { return clock.to_wall_usecs(usecs); };
      PacketEvents packets(config_, *sockets_, *backend_, clock, raw_endpoints(), log_);
      std::optional<EventLoop> loop;
      std::optional<int64_t> failed_usecs;  // when an event failed
      try {
        const RealtimeScheduling realtime(config_.verbose != 0, log_);
        loop.emplace(script_, config_, clock, *syscalls_, *sockets_, packets, recorder_, log_);
        loop->run(events);
      } catch (...) {
        failure = std::current_exception();
        failed_usecs = clock.now();
      }
      run_cleanup_command(failure);
      if (!failure) failure = finish_after_events(*loop);
      // Stop the loop's threads, close the script's fds, then free what the kernel still
      // holds for the connections (packetdrill's order). The recorder lets go of the fds
      // first: a number closed here may come back as another file.
      loop.reset();
      recorder_.watch({});
      syscalls_.reset();
      packets.reset_connections();
      failure = finish_record(clock, failure, failed_usecs);
    } catch (...) {
      if (!failure) failure = std::current_exception();
    }
    if (failure) std::rethrow_exception(failure);
  }

 private:
  [[noreturn]] void fail_setup(const std::exception& error) const {
    throw ScriptError(script_.path, {}, error.what());
  }

  void set_up(bool transmit_stamps) {
    // A file that cannot be written is found before the run, not after it.
    if (config_.trace_state_path) write_file(*config_.trace_state_path, "--trace-state", [](std::ostream&) {});
    if (config_.plot_path) write_file(*config_.plot_path, "--plot", [](std::ostream&) {});
    try {
      backend_.emplace();
      start_sweeper();
      export_pid();
      std::signal(SIGPIPE, SIG_IGN);  // EPIPE is a result scripts check
      prepare_process(config_, log_);
      for (const std::string& command : config_.init_scripts) {
        if (auto failure = run_shell_command(command, config_.command_directory))
          throw ScriptError(script_.path, {}, "error executing init script '" + command + "': " + *failure);
      }
      addresses_ = resolve_live_addresses(config_);
      HostBackendOptions options{*addresses_, config_.mtu, config_.offload_tso, config_.gro_mss != 0,
                                 config_.is_anyip, transmit_stamps, config_.capture_path, &recorder_};
      backend_->bring_up(options, clock_);
    } catch (const ScriptError&) {
      throw;
    } catch (const std::exception& error) {
      fail_setup(error);
    }
    syscalls_.emplace();
    syscalls_->apply(config_);
    syscalls_->local_ip = addresses_->local_text;
    syscalls_->remote_ip = addresses_->remote_text;
    sockets_.emplace(LiveEndpoints{codec_address(addresses_->local.address),
                                   codec_address(addresses_->remote.address), config_.bind_port,
                                   config_.connect_port});
    syscalls_->observer = &*sockets_;
  }

  // Without the sweeper, a run killed outright (SIGKILL, the OOM killer) leaves its
  // commands' processes behind; that is no reason to refuse the run.
  void start_sweeper() {
    try {
      sweeper_.emplace();
    } catch (const std::exception& error) {
      if (config_.verbose) log_ << "note: " << error.what() << "\n";
    }
  }

  // Writes the timeline and picture asked for, and gives a script failure the report of
  // what led to it. A file that cannot be written fails a run that passed.
  // A failure after the events (cleanup command, %{ }% code) dates from now.
  std::exception_ptr finish_record(const ScriptClock& clock, std::exception_ptr failure,
                                   std::optional<int64_t> failed_usecs) {
    backend_->stop_sniffer();
    // Decoding and formatting every packet is the larger part of the timeline's cost:
    // done only when someone will read it.
    if (!failure && !config_.trace_state_path && !config_.plot_path) return failure;
    const trace::StateTimeline timeline = recorder_.timeline(clock, sockets_->tcp_connections());
    try {
      write_record(timeline);
    } catch (const ScriptError&) {
      if (!failure) return std::current_exception();
    }
    if (!failure) return failure;
    try {
      std::rethrow_exception(failure);
    } catch (const ScriptError& error) {
      std::vector<FinishedEvent> finished;
      for (const EventTime& event : recorder_.events())
        finished.push_back({event.line, clock.from_clock(event.clock_usecs)});
      std::ifstream in(script_.path, std::ios::binary);
      std::ostringstream source;
      if (in) source << in.rdbuf();
      return std::make_exception_ptr(RunFailure(
          error, failure_context(timeline, finished, source.str(), failed_usecs.value_or(clock.now()),
                                 sockets_->script_fd_under_test())));
    } catch (...) {
      return std::current_exception();
    }
  }

  void write_record(const trace::StateTimeline& timeline) const {
    if (config_.trace_state_path) {
      write_file(*config_.trace_state_path, "--trace-state",
                 [&](std::ostream& out) { trace::write_timeline_csv(out, timeline); });
    }
    if (config_.plot_path) {
      write_file(*config_.plot_path, "--plot", [&](std::ostream& out) {
        out << trace::time_sequence_svg(timeline, std::filesystem::path(script_.path).filename().string());
      });
    }
  }

  template <typename Writer>
  void write_file(const std::string& path, const char* option, Writer writer) const {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out) writer(out);
    out.close();
    if (!out) {
      throw ScriptError(script_.path, {}, "cannot write " + std::string(option) + " file " + path +
                                              ": " + std::strerror(errno));
    }
  }

  // Packets written as raw bytes need no addresses, but the codec takes some.
  codec::Endpoints raw_endpoints() const {
    return {codec_address(addresses_->remote.address), codec_address(addresses_->local.address),
            0, 0};
  }

  void run_init_command() {
    if (!script_.init_command) return;
    if (auto failure = run_shell_command(script_.init_command->command, config_.command_directory))
      throw ScriptError(script_.path, script_.init_command->location,
                        "error executing init command: " + *failure);
    init_ran_ = true;
  }

  // What packetdrill does after the events and the cleanup command: the %{ }% code runs,
  // then a T...END call still blocked gets its last chance to return.
  std::exception_ptr finish_after_events(EventLoop& loop) {
    if (!loop.code().empty()) {
      if (auto error = run_python_code(loop.code(), script_.path, config_.code_command,
                                       config_.command_directory, config_.verbose != 0, log_))
        return std::make_exception_ptr(*error);
    }
    if (!loop.blocking_syscall_pending()) return nullptr;
    try {
      const RealtimeScheduling realtime(config_.verbose != 0, log_);
      loop.finish_blocking_syscall();
    } catch (...) {
      return std::current_exception();
    }
    return nullptr;
  }

  // packetdrill runs the cleanup command whether the script passed or failed, but only
  // when an init command ran; its failure is reported unless the script failed first.
  void run_cleanup_command(std::exception_ptr& failure) {
    if (!init_ran_ || !script_.cleanup_command) return;
    const auto result = run_shell_command(script_.cleanup_command->command, config_.command_directory);
    if (result && !failure) {
      failure = std::make_exception_ptr(ScriptError(
          script_.path, script_.cleanup_command->location, "error executing cleanup command: " + *result));
    }
  }

  const ast::Script& script_;
  const RunConfig& config_;
  std::ostream& log_;
  HostClock clock_;
  StateRecorder recorder_{config_.sample_state};  // outlives the backend's sniffer thread
  std::optional<HostBackend> backend_;
  std::optional<netdev::NamespaceSweeper> sweeper_;
  std::optional<LiveAddresses> addresses_;
  std::optional<SocketTracker> sockets_;
  std::optional<SyscallEnvironment> syscalls_;
  bool init_ran_ = false;
};

}  // namespace

void check_script_for_run(const ast::Script& script, const RunConfig& config) {
  check_icmp_names(select_events(script, running_kernel(config)), script.path, config.ip_version);
}

void run_script(const ast::Script& script, const RunConfig& config, std::ostream& log) {
  ScriptSession(script, config, log).run();
}

}  // namespace tcpdrill::runtime
