#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runner/test_executor.h"

namespace tcpdrill::runner {

struct ChildCommandConfig {
  std::filesystem::path tcpdrill{};        // the binary to run per test
  std::vector<std::string> extra_args{};   // packetdrill-style flags from after `--`
  std::optional<std::filesystem::path> capture_dir{};
  std::optional<std::filesystem::path> trace_dir{};
  std::optional<std::filesystem::path> plot_dir{};
};

// `<tcpdrill> [extra] --send_omit_free <variant args> [--capture=...] [--trace-state=...]
// [--plot=...] <script file name>`,
// to run with cwd = the script's directory (scripts use paths like ../common/x.sh).
std::vector<std::string> child_command(const ChildCommandConfig& config,
                                       const TestAttempt& attempt);

// DIR/<name with '/' -> '_', no .pkt>_<variant><extension>, e.g. ".pcap"; reruns get a
// .<n> suffix so every attempt's files are kept.
std::filesystem::path attempt_file(const std::filesystem::path& dir, const TestAttempt& attempt,
                                   std::string_view extension);

// The real executor: one tcpdrill child per attempt (see run_child).
class ProcessExecutor final : public TestExecutor {
 public:
  explicit ProcessExecutor(ChildCommandConfig config) : config_(std::move(config)) {}
  ExecutionResult execute(const TestAttempt& attempt, const CancelSignal& cancel) override;

 private:
  ChildCommandConfig config_;
};

}  // namespace tcpdrill::runner
