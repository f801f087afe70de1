#pragma once

#include <string_view>

#include "runtime/run_config.h"

namespace tcpdrill::cli {

// The configuration a script starts from, before its option lines and the flags.
// Invoked under the name `packetdrill` (a symlink, as the kernel's ksft_runner.sh and
// packetdrill's run_all.py call it), tcpdrill takes packetdrill's defaults where they
// differ from its own: tun0 offers TSO, so the kernel may hand it super-packets.
runtime::RunConfig default_run_config(std::string_view program_path);

}  // namespace tcpdrill::cli
