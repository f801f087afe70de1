#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runner/shard.h"
#include "runner/variant.h"

namespace tcpdrill::runner {

// Everything `tcpdrill run` was asked to do.
struct RunOptions {
  std::vector<std::string> paths;
  std::vector<std::string> child_args;  // after `--`: packetdrill-style flags for every test
  unsigned jobs = 1;
  std::chrono::milliseconds timeout{180'000};
  std::vector<Variant> variants;        // empty: all that apply
  std::optional<std::filesystem::path> tap_file;
  std::optional<std::filesystem::path> junit_file;
  std::optional<std::filesystem::path> json_file;
  std::optional<std::filesystem::path> capture_dir;  // pcaps of failed tests
  bool capture_all = false;                          // ... of every test
  std::optional<std::filesystem::path> trace_dir;    // state timelines (CSV), in the JSON too
  std::optional<std::filesystem::path> html_dir;     // index.html, pictures, failed tests' pcaps
  bool ktap = false;
  unsigned repeat = 1;
  unsigned retry_timing = 0;
  std::optional<ShardSpec> shard;
  std::string shard_text;
  double max_busy_fraction = 0.9;
  std::optional<std::filesystem::path> tcpdrill;  // default: this executable
  bool list_only = false;
  // --vm, --kernel, --vm-clock: run the tests in guests (vm/), not on this host.
  bool vm = false;
  std::string kernel;            // empty: the default kernel
  std::string vm_clock = "virtual";
  // --vm-exact: a guest resumed per test (vm::VmExecutor's guest_per_test).
  bool vm_exact = false;
  bool help = false;
  std::string help_text;
};

// CPUs this process may run on (sched_getaffinity), at least 1: the default for -j.
unsigned available_cpus();

// Parses `tcpdrill run` arguments (argv[0] is the subcommand name). Throws UsageError
// with a one-line message.
RunOptions parse_run_options(int argc, char** argv);

}  // namespace tcpdrill::runner
