#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "parser/ast_event.h"
#include "runtime/run_config.h"

namespace tcpdrill::runtime::test {

// What one run_script() in a forked child did.
struct ChildRun {
  bool passed = false;
  uint32_t line = 0, column = 0;  // of the ScriptError
  std::string message{};          // the ScriptError's text, or what else went wrong
  std::string log{};              // what run_script wrote to its log stream
  std::string report{};           // a RunFailure's report
};

// Runs the script in a forked child, so the namespace, TUN device, threads and real-time
// priority die with it. Gives up after `timeout_seconds`.
ChildRun run_in_child(const ast::Script& script, const RunConfig& config, int timeout_seconds = 30);

// Why this host cannot run scripts (not root, no /dev/net/tun), for GTEST_SKIP.
std::optional<std::string> why_host_cannot_run();

}  // namespace tcpdrill::runtime::test
