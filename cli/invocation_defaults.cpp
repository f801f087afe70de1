#include "cli/invocation_defaults.h"

#include <filesystem>

namespace tcpdrill::cli {

runtime::RunConfig default_run_config(std::string_view program_path, std::string_view script_path) {
  runtime::RunConfig config;
  const bool as_packetdrill = std::filesystem::path(program_path).filename() == "packetdrill";
  config.offload_tso = as_packetdrill;
  if (as_packetdrill) config.time_zero_lead_usecs = kPacketdrillTimeZeroLeadUsecs;
  if (!as_packetdrill) config.command_directory = std::filesystem::path(script_path).parent_path();
  return config;
}

}  // namespace tcpdrill::cli
