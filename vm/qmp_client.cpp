#include "vm/qmp_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tcpdrill::vm {
namespace {

using Clock = std::chrono::steady_clock;

int poll_timeout_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1'000'000));
}

}  // namespace

QmpClient::QmpClient(netdev::UniqueFd socket) : socket_(std::move(socket)) {}

void QmpClient::negotiate(Clock::time_point deadline) {
  const nlohmann::json greeting = read_message(deadline);
  if (!greeting.contains("QMP")) throw std::runtime_error("QEMU's monitor did not greet: " + greeting.dump());
  execute("qmp_capabilities", nlohmann::json::object(), deadline);
}

nlohmann::json QmpClient::execute(const std::string& command, const nlohmann::json& arguments,
                                  Clock::time_point deadline) {
  nlohmann::json message{{"execute", command}};
  if (!arguments.empty()) message["arguments"] = arguments;
  write_all(message.dump() + "\n", -1);
  return await_answer(command, deadline);
}

void QmpClient::pass_fd(const std::string& name, int fd, Clock::time_point deadline) {
  const nlohmann::json message{{"execute", "getfd"}, {"arguments", {{"fdname", name}}}};
  write_all(message.dump() + "\n", fd);
  await_answer("getfd", deadline);
}

nlohmann::json QmpClient::await_answer(const std::string& command, Clock::time_point deadline) {
  while (true) {
    nlohmann::json answer = read_message(deadline);
    if (answer.contains("return")) return answer["return"];
    if (answer.contains("error")) {
      throw std::runtime_error("QEMU refused " + command + ": " +
                               answer["error"].value("desc", answer["error"].dump()));
    }
  }
}

nlohmann::json QmpClient::read_message(Clock::time_point deadline) {
  while (true) {
    if (const std::size_t newline = pending_.find('\n'); newline != std::string::npos) {
      const std::string line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      nlohmann::json message = nlohmann::json::parse(line, nullptr, false);
      if (message.is_discarded()) throw std::runtime_error("QEMU's monitor sent a line that is not JSON: " + line);
      return message;
    }
    pollfd readable{socket_.get(), POLLIN, 0};
    const int ready = ::poll(&readable, 1, poll_timeout_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) throw std::runtime_error(std::string("polling QEMU's monitor: ") + std::strerror(errno));
    if (ready == 0) throw std::runtime_error("QEMU's monitor did not answer in time");
    char buffer[4096];
    const ssize_t n = ::read(socket_.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("QEMU's monitor closed (QEMU exited)");
    pending_.append(buffer, static_cast<std::size_t>(n));
  }
}

void QmpClient::write_all(const std::string& text, int fd_to_pass) {
  std::size_t done = 0;
  while (done < text.size()) {
    iovec data{const_cast<char*>(text.data() + done), text.size() - done};
    msghdr header{};
    header.msg_iov = &data;
    header.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    if (fd_to_pass >= 0 && done == 0) {
      header.msg_control = control;
      header.msg_controllen = sizeof control;
      cmsghdr* rights = CMSG_FIRSTHDR(&header);
      rights->cmsg_level = SOL_SOCKET;
      rights->cmsg_type = SCM_RIGHTS;
      rights->cmsg_len = CMSG_LEN(sizeof(int));
      std::memcpy(CMSG_DATA(rights), &fd_to_pass, sizeof(int));
    }
    const ssize_t n = ::sendmsg(socket_.get(), &header, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("writing to QEMU's monitor: ") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace tcpdrill::vm
