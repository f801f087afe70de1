#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "runner/child_process.h"

namespace tcpdrill::vm {

// The messages of the control port, one per frame (vm/frame_codec.h), CBOR-encoded.

// Guest to host, once, when the agent is up: what the guest is.
struct GuestReady {
  std::string kernel_release;
  // Why scripts cannot run in this guest (no TUN device ...); empty when they can.
  std::string unusable_reason;
};

// Host to guest: run a command to completion, like runner::run_child on the host.
struct CommandRequest {
  std::uint64_t id = 0;
  std::vector<std::string> argv;
  std::string cwd;
  std::chrono::milliseconds timeout{180'000};
  // Files the command writes (a --capture pcap ...) that the reply carries back, by path.
  std::vector<std::string> output_files;
};

// Guest to host: how the command ended, with the output files that exist.
struct CommandReply {
  std::uint64_t id = 0;
  runner::ChildOutcome outcome;
  std::map<std::string, std::string> files;
};

using GuestMessage = std::variant<GuestReady, CommandRequest, CommandReply>;

std::string encode_message(const GuestMessage& message);
// Throws std::runtime_error on a payload that is not a message.
GuestMessage decode_message(const std::string& payload);

}  // namespace tcpdrill::vm
