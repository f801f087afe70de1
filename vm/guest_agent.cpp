#include "vm/guest_agent.h"

#include <fcntl.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "runner/cancel_signal.h"
#include "vm/control_channel.h"
#include "vm/firmware_config.h"
#include "vm/guest_paths.h"

namespace tcpdrill::vm {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string result = text.str();
  while (!result.empty() && (result.back() == '\n' || result.back() == ' ')) result.pop_back();
  return result;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text << '\n';
}

void modprobe(const std::string& module) {
  runner::ChildRequest request;
  request.argv = {"modprobe", "-q", module};
  request.timeout = std::chrono::seconds(30);
  const runner::CancelSignal never;
  (void)runner::run_child(request, never);
}

// Loads what scripts expect of a test machine and says why the guest cannot run them if
// it lacks something no script can do without.
std::string prepare_kernel() {
  if (!std::filesystem::exists("/dev/net/tun")) modprobe("tun");
  // Child namespaces may only pick congestion controls allowed here: allow every one
  // the kernel has, as a test machine would.
  for (const char* module : {"tcp_bbr", "tcp_dctcp"}) modprobe(module);
  // Netfilter's netlink is loaded on a test machine that has run nft once; scripts that
  // drive nft (and tcpdrill's check for it) expect it there.
  modprobe("nf_tables");
  const std::string available = read_text("/proc/sys/net/ipv4/tcp_available_congestion_control");
  if (!available.empty()) write_text("/proc/sys/net/ipv4/tcp_allowed_congestion_control", available);
  if (!std::filesystem::exists("/dev/net/tun")) {
    return "the guest kernel has no TUN device (CONFIG_TUN, or the tun module with the kernel)";
  }
  return {};
}

netdev::UniqueFd open_control_port() {
  netdev::UniqueFd fd(::open(std::string(kGuestControlPort).c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (!fd.valid()) return fd;
  termios mode{};
  if (::tcgetattr(fd.get(), &mode) == 0) {
    // Bytes exactly as sent: no echo, no line discipline, no flow control.
    ::cfmakeraw(&mode);
    mode.c_cflag |= CLOCAL | CREAD;
    mode.c_cflag &= ~CRTSCTS;
    mode.c_cc[VMIN] = 1;
    mode.c_cc[VTIME] = 0;
    ::cfsetspeed(&mode, B115200);
    ::tcsetattr(fd.get(), TCSANOW, &mode);
  }
  return fd;
}

// A request arrives at whatever guest time the host happened to send it, with the tick,
// the kernel's deferred work (the last test's namespace being torn down) and every timer
// at some phase of it. Idle waiting costs no host time under a virtual clock, so let
// the guest go quiet, then start on a fixed grid of 4096 jiffies: the timer wheel rounds
// a timer up to a granularity of up to 512 jiffies (an RTO of seconds to 8 or 64), from
// multiples of it, so a test started off the grid saw its retransmissions move by a
// jiffy multiple (16 ms for a SYN retransmitted after 3 s).
void settle_on_clock_grid() {
  constexpr std::int64_t kQuietNanos = 1'000'000'000;
  timespec jiffy{};
  ::clock_getres(CLOCK_MONOTONIC_COARSE, &jiffy);
  const std::int64_t jiffy_nanos = std::max<std::int64_t>(jiffy.tv_nsec, 1'000'000);
  const std::int64_t grid = 4096 * jiffy_nanos;
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  std::int64_t start = std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec + kQuietNanos;
  start += grid - start % grid;
  const timespec deadline{static_cast<time_t>(start / 1'000'000'000), static_cast<long>(start % 1'000'000'000)};
  while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr) == EINTR) {
  }
}

CommandReply run_command(const CommandRequest& request) {
  runner::ChildRequest child;
  child.argv = request.argv;
  child.cwd = request.cwd;
  child.timeout = request.timeout;
  for (const std::string& file : request.output_files) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
    std::filesystem::remove(file, ec);
  }
  CommandReply reply;
  reply.id = request.id;
  settle_on_clock_grid();
  const runner::CancelSignal never;
  reply.outcome = runner::run_child(child, never);
  for (const std::string& file : request.output_files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) continue;
    std::stringstream data;
    data << in.rdbuf();
    reply.files[file] = data.str();
  }
  return reply;
}

}  // namespace

int run_guest_agent() {
  GuestReady ready;
  utsname name{};
  if (::uname(&name) == 0) ready.kernel_release = name.release;
  ready.unusable_reason = prepare_kernel();

  netdev::UniqueFd port = open_control_port();
  if (!port.valid()) {
    std::perror("tcpdrill guest: cannot open the control port");
    return 1;
  }
  ControlChannel channel(std::move(port));
  channel.send(ready);
  // Until the host first speaks, look once a second of guest time for a request handed in
  // through fw_cfg: a guest resumed from a snapshot to run one test exactly finds it at
  // the first whole second after the moment it was saved, the same on every run, with
  // nothing from the host having reached it (see GuestBlueprint::boot).
  bool host_spoke = false;
  while (true) {
    std::optional<std::chrono::steady_clock::time_point> deadline;
    if (!host_spoke) deadline = std::chrono::ceil<std::chrono::seconds>(std::chrono::steady_clock::now());
    ChannelEvent event = channel.receive(deadline);
    if (std::holds_alternative<ChannelTimedOut>(event)) {
      const std::optional<std::string> preloaded = read_firmware_config_file(kPreloadedRequestName);
      if (!preloaded) continue;
      host_spoke = true;
      try {
        GuestMessage message = decode_message(*preloaded);
        if (const auto* request = std::get_if<CommandRequest>(&message)) channel.send(run_command(*request));
      } catch (const std::runtime_error&) {
        std::fputs("tcpdrill guest: the request handed in through fw_cfg is not one\n", stderr);
      }
      continue;
    }
    auto* message = std::get_if<GuestMessage>(&event);
    if (message == nullptr) return 0;
    host_spoke = true;
    if (const auto* request = std::get_if<CommandRequest>(message)) {
      channel.send(run_command(*request));
    }
  }
}

}  // namespace tcpdrill::vm
