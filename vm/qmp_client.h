#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "netdev/unique_fd.h"

namespace tcpdrill::vm {

// A client of QEMU's machine protocol (QMP) on a connected socket: one JSON command at a
// time, its answer read back with the asynchronous events in between skipped. Throws
// std::runtime_error when QEMU answers with an error, goes away, or misses the deadline.
class QmpClient {
 public:
  explicit QmpClient(netdev::UniqueFd socket);

  // Reads the greeting and leaves capabilities negotiation, as QMP requires first.
  void negotiate(std::chrono::steady_clock::time_point deadline);
  nlohmann::json execute(const std::string& command, const nlohmann::json& arguments,
                         std::chrono::steady_clock::time_point deadline);
  // Hands `fd` to QEMU under `name` (getfd, the descriptor travelling as SCM_RIGHTS), for
  // a later command to use as "fd:NAME".
  void pass_fd(const std::string& name, int fd, std::chrono::steady_clock::time_point deadline);

 private:
  nlohmann::json read_message(std::chrono::steady_clock::time_point deadline);
  nlohmann::json await_answer(const std::string& command, std::chrono::steady_clock::time_point deadline);
  void write_all(const std::string& text, int fd_to_pass);

  netdev::UniqueFd socket_;
  std::string pending_;
};

}  // namespace tcpdrill::vm
