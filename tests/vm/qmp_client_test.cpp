// QEMU's side of these conversations is played by a thread on the other end of a socket
// pair; the protocol's lines are QMP's as QEMU 7.2 writes them.
#include "vm/qmp_client.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>
#include <thread>

namespace tcpdrill::vm {
namespace {

using Clock = std::chrono::steady_clock;

struct FakeQemu {
  FakeQemu() {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
    client_end = netdev::UniqueFd(fds[0]);
    qemu_end = netdev::UniqueFd(fds[1]);
  }
  void say(const std::string& line) {
    const std::string text = line + "\r\n";
    ASSERT_EQ(::write(qemu_end.get(), text.data(), text.size()), static_cast<ssize_t>(text.size()));
  }
  // The next line the client wrote, and a descriptor that came with it (-1: none).
  std::pair<std::string, int> hear() {
    std::string line;
    int passed = -1;
    char c = 0;
    while (true) {
      iovec data{&c, 1};
      alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
      msghdr header{};
      header.msg_iov = &data;
      header.msg_iovlen = 1;
      header.msg_control = control;
      header.msg_controllen = sizeof control;
      if (::recvmsg(qemu_end.get(), &header, 0) != 1) return {line, passed};
      if (cmsghdr* rights = CMSG_FIRSTHDR(&header); rights && rights->cmsg_type == SCM_RIGHTS) {
        std::memcpy(&passed, CMSG_DATA(rights), sizeof passed);
      }
      if (c == '\n') return {line, passed};
      line.push_back(c);
    }
  }
  netdev::UniqueFd client_end;
  netdev::UniqueFd qemu_end;
};

const std::string kGreeting = R"({"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}}, "capabilities": ["oob"]}})";

Clock::time_point soon() { return Clock::now() + std::chrono::seconds(5); }

TEST(QmpClient, NegotiatesThenReturnsAnswersPastEvents) {
  FakeQemu qemu;
  std::string heard_first, heard_second;
  std::thread peer([&] {
    qemu.say(kGreeting);
    heard_first = qemu.hear().first;
    qemu.say(R"({"return": {}})");
    heard_second = qemu.hear().first;
    qemu.say(R"({"timestamp": {"seconds": 1, "microseconds": 2}, "event": "STOP"})");
    qemu.say(R"({"return": {"status": "running", "running": true}})");
  });
  QmpClient client(std::move(qemu.client_end));
  client.negotiate(soon());
  const nlohmann::json status = client.execute("query-status", nlohmann::json::object(), soon());
  peer.join();
  EXPECT_EQ(nlohmann::json::parse(heard_first), nlohmann::json({{"execute", "qmp_capabilities"}}));
  EXPECT_EQ(nlohmann::json::parse(heard_second), nlohmann::json({{"execute", "query-status"}}));
  EXPECT_EQ(status.value("status", ""), "running");
}

TEST(QmpClient, AnErrorAnswerIsThrownWithQemusReason) {
  FakeQemu qemu;
  std::thread peer([&] {
    qemu.hear();
    qemu.say(R"({"error": {"class": "GenericError", "desc": "There's a migration process in progress"}})");
  });
  QmpClient client(std::move(qemu.client_end));
  try {
    client.execute("migrate", {{"uri", "fd:snapshot"}}, soon());
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "QEMU refused migrate: There's a migration process in progress");
  }
  peer.join();
}

TEST(QmpClient, PassesADescriptorWithGetfd) {
  FakeQemu qemu;
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  netdev::UniqueFd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
  std::pair<std::string, int> heard;
  std::thread peer([&] {
    heard = qemu.hear();
    qemu.say(R"({"return": {}})");
  });
  QmpClient client(std::move(qemu.client_end));
  client.pass_fd("snapshot", write_end.get(), soon());
  peer.join();
  EXPECT_EQ(nlohmann::json::parse(heard.first),
            nlohmann::json({{"execute", "getfd"}, {"arguments", {{"fdname", "snapshot"}}}}));
  ASSERT_GE(heard.second, 0);
  struct stat passed {}, original {};
  ::fstat(heard.second, &passed);
  ::fstat(write_end.get(), &original);
  EXPECT_EQ(passed.st_ino, original.st_ino);
  ::close(heard.second);
}

TEST(QmpClient, AClosedMonitorOrASilentOneIsAnError) {
  {
    FakeQemu qemu;
    qemu.qemu_end = {};
    QmpClient client(std::move(qemu.client_end));
    EXPECT_THROW(client.negotiate(soon()), std::runtime_error);
  }
  FakeQemu silent;
  QmpClient client(std::move(silent.client_end));
  const auto started = Clock::now();
  EXPECT_THROW(client.negotiate(Clock::now() + std::chrono::milliseconds(100)), std::runtime_error);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
}

TEST(QmpClient, ALineThatIsNotJsonIsAnError) {
  FakeQemu qemu;
  qemu.say("garbage");
  QmpClient client(std::move(qemu.client_end));
  EXPECT_THROW(client.negotiate(soon()), std::runtime_error);
}

}  // namespace
}  // namespace tcpdrill::vm
