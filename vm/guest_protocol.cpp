#include "vm/guest_protocol.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace tcpdrill::vm {
namespace {

using nlohmann::json;
using runner::ChildEnding;

// Output and pcaps are arbitrary bytes, which JSON text cannot carry but CBOR can.
json bytes(const std::string& data) {
  return json::binary(std::vector<std::uint8_t>(data.begin(), data.end()));
}

std::string bytes_of(const json& value) {
  const auto& binary = value.get_binary();
  return std::string(binary.begin(), binary.end());
}

constexpr std::pair<ChildEnding, const char*> kEndings[] = {
    {ChildEnding::Exited, "exited"},       {ChildEnding::Signaled, "signaled"},
    {ChildEnding::TimedOut, "timed_out"},  {ChildEnding::Cancelled, "cancelled"},
    {ChildEnding::LaunchFailed, "launch_failed"},
};

const char* ending_name(ChildEnding ending) {
  for (const auto& [value, name] : kEndings) {
    if (value == ending) return name;
  }
  return "launch_failed";
}

ChildEnding ending_from(const std::string& text) {
  for (const auto& [value, name] : kEndings) {
    if (text == name) return value;
  }
  throw std::runtime_error("unknown command ending '" + text + "'");
}

json to_json(const GuestReady& ready) {
  return {{"type", "ready"}, {"release", ready.kernel_release}, {"unusable", ready.unusable_reason}};
}

json to_json(const CommandRequest& request) {
  return {{"type", "run"},         {"id", request.id},
          {"argv", request.argv},  {"cwd", request.cwd},
          {"timeout_ms", request.timeout.count()}, {"outputs", request.output_files}};
}

json to_json(const CommandReply& reply) {
  json files = json::object();
  for (const auto& [path, data] : reply.files) files[path] = bytes(data);
  const runner::ChildOutcome& outcome = reply.outcome;
  return {{"type", "result"},
          {"id", reply.id},
          {"ending", ending_name(outcome.ending)},
          {"exit_code", outcome.exit_code},
          {"signal", outcome.signal},
          {"stdout", bytes(outcome.standard_output)},
          {"stderr", bytes(outcome.standard_error)},
          {"duration_ns", outcome.duration.count()},
          {"files", std::move(files)}};
}

GuestMessage from_json(const json& message) {
  const std::string type = message.at("type").get<std::string>();
  if (type == "ready") {
    return GuestReady{message.at("release").get<std::string>(),
                      message.at("unusable").get<std::string>()};
  }
  if (type == "run") {
    CommandRequest request;
    request.id = message.at("id").get<std::uint64_t>();
    request.argv = message.at("argv").get<std::vector<std::string>>();
    request.cwd = message.at("cwd").get<std::string>();
    request.timeout = std::chrono::milliseconds(message.at("timeout_ms").get<std::int64_t>());
    request.output_files = message.at("outputs").get<std::vector<std::string>>();
    return request;
  }
  if (type == "result") {
    CommandReply reply;
    reply.id = message.at("id").get<std::uint64_t>();
    runner::ChildOutcome& outcome = reply.outcome;
    outcome.ending = ending_from(message.at("ending").get<std::string>());
    outcome.exit_code = message.at("exit_code").get<int>();
    outcome.signal = message.at("signal").get<int>();
    outcome.standard_output = bytes_of(message.at("stdout"));
    outcome.standard_error = bytes_of(message.at("stderr"));
    outcome.duration = std::chrono::nanoseconds(message.at("duration_ns").get<std::int64_t>());
    for (const auto& [path, data] : message.at("files").items()) reply.files[path] = bytes_of(data);
    return reply;
  }
  throw std::runtime_error("unknown guest message type '" + type + "'");
}

}  // namespace

std::string encode_message(const GuestMessage& message) {
  const json value = std::visit([](const auto& m) { return to_json(m); }, message);
  const std::vector<std::uint8_t> cbor = json::to_cbor(value);
  return std::string(cbor.begin(), cbor.end());
}

GuestMessage decode_message(const std::string& payload) {
  try {
    return from_json(json::from_cbor(payload));
  } catch (const json::exception& error) {
    throw std::runtime_error(std::string("malformed guest message: ") + error.what());
  }
}

}  // namespace tcpdrill::vm
