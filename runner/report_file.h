#pragma once

#include <filesystem>
#include <functional>
#include <ostream>

namespace tcpdrill::runner {

// Writes a report through a temporary file renamed into place, so a CI job never reads
// half a report (a run killed mid-write leaves the old file or none). Creates missing
// parent directories. Throws std::runtime_error naming the file on failure.
void write_report_file(const std::filesystem::path& path,
                       const std::function<void(std::ostream&)>& write);

}  // namespace tcpdrill::runner
