#pragma once

#include <string_view>

#include "runtime/run_config.h"

namespace tcpdrill::cli {

// The configuration the script at `script_path` starts from, before its option lines
// and the flags. Under its own name, tcpdrill runs the script's shell commands and code
// in the script's directory, as `tcpdrill run` does, so that `../common/defaults.sh`
// means the same from wherever the user starts it. Invoked under the name `packetdrill`
// (a symlink, as the kernel's ksft_runner.sh and packetdrill's run_all.py call it),
// tcpdrill takes packetdrill's defaults where they differ from its own: commands run in
// the current directory, tun0 offers TSO, so the kernel may hand it super-packets, and
// script time 0 comes after 100 ms spent on the run's CPU, as packetdrill's does (it
// waits for ten steps of times(2)), which tcpdrill skips under its own name to start
// fast.
runtime::RunConfig default_run_config(std::string_view program_path, std::string_view script_path);

}  // namespace tcpdrill::cli
