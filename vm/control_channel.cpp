#include "vm/control_channel.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace tcpdrill::vm {

using Clock = std::chrono::steady_clock;

ControlChannel::ControlChannel(netdev::UniqueFd fd) : fd_(std::move(fd)) {}

void ControlChannel::send(const GuestMessage& message) {
  const std::string frame = encode_frame(encode_message(message));
  std::size_t written = 0;
  while (written < frame.size()) {
    const ssize_t n = ::write(fd_.get(), frame.data() + written, frame.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      pollfd out{fd_.get(), POLLOUT, 0};
      ::poll(&out, 1, -1);
      continue;
    }
    if (n <= 0) throw std::system_error(errno, std::generic_category(), "control channel write");
    written += static_cast<std::size_t>(n);
  }
}

ChannelEvent ControlChannel::receive(std::optional<Clock::time_point> deadline, int interrupt_fd) {
  char buffer[65536];
  while (true) {
    while (std::optional<std::string> payload = decoder_.next()) {
      try {
        return decode_message(*payload);
      } catch (const std::runtime_error&) {
        continue;  // intact but not ours: a version mismatch should not wedge the channel
      }
    }
    int wait_ms = -1;
    if (deadline) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
      if (left.count() <= 0) return ChannelTimedOut{};
      wait_ms = static_cast<int>(std::min<long long>(left.count(), 1 << 30));
    }
    pollfd fds[2] = {{fd_.get(), POLLIN, 0}, {interrupt_fd, POLLIN, 0}};
    const int ready = ::poll(fds, interrupt_fd >= 0 ? 2 : 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) throw std::system_error(errno, std::generic_category(), "control channel poll");
    if (ready == 0) continue;  // the deadline check above decides
    if (interrupt_fd >= 0 && (fds[1].revents & POLLIN)) return ChannelInterrupted{};
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::read(fd_.get(), buffer, sizeof buffer);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) return ChannelClosed{};
      decoder_.feed(buffer, static_cast<std::size_t>(n));
    }
  }
}

}  // namespace tcpdrill::vm
