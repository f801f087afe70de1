#include "vm/control_channel.h"

#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace tcpdrill::vm {
namespace {

using Clock = std::chrono::steady_clock;

struct ChannelPair {
  ChannelPair() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) throw std::runtime_error("socketpair");
    host.emplace(netdev::UniqueFd(fds[0]));
    guest.emplace(netdev::UniqueFd(fds[1]));
  }
  std::optional<ControlChannel> host;
  std::optional<ControlChannel> guest;
};

TEST(ControlChannel, DeliversMessagesBothWays) {
  ChannelPair pair;
  pair.guest->send(GuestReady{"6.1.0", ""});
  auto event = pair.host->receive(Clock::now() + std::chrono::seconds(5));
  ASSERT_TRUE(std::holds_alternative<GuestMessage>(event));
  EXPECT_EQ(std::get<GuestReady>(std::get<GuestMessage>(event)).kernel_release, "6.1.0");

  CommandRequest request;
  request.argv = {"true"};
  pair.host->send(request);
  event = pair.guest->receive(Clock::now() + std::chrono::seconds(5));
  ASSERT_TRUE(std::holds_alternative<GuestMessage>(event));
  EXPECT_EQ(std::get<CommandRequest>(std::get<GuestMessage>(event)).argv, request.argv);
}

TEST(ControlChannel, ReportsTheFarEndClosing) {
  ChannelPair pair;
  pair.guest.reset();
  EXPECT_TRUE(std::holds_alternative<ChannelClosed>(pair.host->receive(Clock::now() + std::chrono::seconds(5))));
}

TEST(ControlChannel, TimesOutWhenNothingComes) {
  ChannelPair pair;
  EXPECT_TRUE(std::holds_alternative<ChannelTimedOut>(
      pair.host->receive(Clock::now() + std::chrono::milliseconds(20))));
}

TEST(ControlChannel, StopsWaitingWhenInterrupted) {
  ChannelPair pair;
  netdev::UniqueFd interrupt(::eventfd(1, EFD_CLOEXEC));
  EXPECT_TRUE(std::holds_alternative<ChannelInterrupted>(pair.host->receive(std::nullopt, interrupt.get())));
}

}  // namespace
}  // namespace tcpdrill::vm
