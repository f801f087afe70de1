#include "cli/invocation_defaults.h"

#include <filesystem>

namespace tcpdrill::cli {
namespace {

// packetdrill's wait for ten steps of times(2) before its time 0.
constexpr int64_t kPacketdrillTimeZeroLeadUsecs = 100'000;

}  // namespace

runtime::RunConfig default_run_config(std::string_view program_path, std::string_view script_path) {
  runtime::RunConfig config;
  const bool as_packetdrill = std::filesystem::path(program_path).filename() == "packetdrill";
  config.offload_tso = as_packetdrill;
  if (as_packetdrill)
    config.time_zero_lead_usecs = kPacketdrillTimeZeroLeadUsecs;
  else
    config.command_directory = std::filesystem::path(script_path).parent_path();
  return config;
}

}  // namespace tcpdrill::cli
