#pragma once

#include <filesystem>
#include <ostream>

#include "runner/run_info.h"
#include "runner/test_result.h"

namespace tcpdrill::runner {

// `--html DIR`: DIR/index.html, one static page without scripts: the summary (counts,
// wall time, kernel, start time), then a row per test case with its verdict and time
// (`<tr class="test" data-verdict="fail">`), and for each failed or flaky case its
// failure report, its picture and links to its pcap and timeline. Files are linked
// relative to `dir`, so the directory can be moved or published as it is.
void write_html_report(std::ostream& out, const std::filesystem::path& dir, const SuiteResult& suite,
                       const RunInfo& info);

}  // namespace tcpdrill::runner
