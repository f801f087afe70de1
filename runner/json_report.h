#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/run_info.h"
#include "runner/test_result.h"

namespace tcpdrill::runner {

// Version of the report layout; docs/report-schema.json describes it.
inline constexpr int kJsonReportSchemaVersion = 1;

// The `--json FILE` report: run facts (kernel release, tcpdrill version, load average,
// start time, options) and per case and variant its name, path, verdict, failure
// message, script line, duration, run counts, full log and every attempt.
nlohmann::json json_report(const SuiteResult& suite, const RunInfo& info);
void write_json_report(std::ostream& out, const SuiteResult& suite, const RunInfo& info);

// The part of one report entry `tcpdrill diff` compares.
struct ReportEntry {
  std::string name;
  std::string variant;
  std::string verdict;
  std::string message;
};

// Reads a --json report. Throws std::runtime_error naming the file when it cannot be
// read or is not a tcpdrill report.
std::vector<ReportEntry> load_json_report(const std::filesystem::path& path);

}  // namespace tcpdrill::runner
