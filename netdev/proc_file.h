#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tcpdrill::netdev {

// Whole-file reads and single-write updates of small kernel text files (/proc, /sys),
// the one way netdev talks to them. `attempted` starts the NetdevError message.
std::string read_proc_file(const std::filesystem::path& path, const std::string& attempted);
void write_proc_file(const std::filesystem::path& path, std::string_view value, const std::string& attempted);

}  // namespace tcpdrill::netdev
