#include "cli/invocation_defaults.h"

#include <filesystem>

namespace tcpdrill::cli {

runtime::RunConfig default_run_config(std::string_view program_path) {
  runtime::RunConfig config;
  config.offload_tso = std::filesystem::path(program_path).filename() == "packetdrill";
  return config;
}

}  // namespace tcpdrill::cli
