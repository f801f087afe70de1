#include "runner/json_report.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "parser/regular_file.h"
#include "runner/text_sanitize.h"
#include "trace/timeline_csv.h"

namespace tcpdrill::runner {
namespace {

using nlohmann::json;

double seconds(std::chrono::nanoseconds duration) {
  return std::chrono::duration<double>(duration).count();
}

json optional_number(const std::optional<unsigned>& value) {
  return value ? json(*value) : json(nullptr);
}

std::string_view attempt_verdict_name(AttemptVerdict verdict) {
  switch (verdict) {
    case AttemptVerdict::Pass: return "pass";
    case AttemptVerdict::Fail: return "fail";
    case AttemptVerdict::Skip: return "skip";
    case AttemptVerdict::Timeout: return "timeout";
  }
  return "?";
}

json attempt_json(const AttemptRecord& attempt) {
  json entry{
      {"repetition", attempt.repetition + 1},
      {"retry", attempt.retry},
      {"verdict", attempt_verdict_name(attempt.verdict)},
      {"message", attempt.message.empty() ? json(nullptr) : json(sanitize_text(attempt.message))},
      {"script_line", optional_number(attempt.script_line)},
      {"duration_seconds", seconds(attempt.duration)},
      {"timing_error", attempt.timing_error},
  };
  auto file = [&](const char* key, const std::optional<std::filesystem::path>& path) {
    if (path) entry[key] = path->generic_string();
  };
  file("capture", attempt.capture);
  file("state_timeline_file", attempt.timeline);
  file("plot", attempt.picture);
  // Full logs for what did not pass; a passing attempt's log is noise.
  if (attempt.verdict != AttemptVerdict::Pass) {
    entry["log"] = sanitize_text(attempt.log);
    entry["output"] = sanitize_text(attempt.output);
  }
  return entry;
}

// A timeline field as JSON: empty is null, numbers are numbers.
json timeline_value(const std::string& field) {
  if (field.empty()) return nullptr;
  if (field.find_first_not_of("0123456789") == std::string::npos && field.size() <= 19)
    return std::stoull(field);
  if (field.find_first_not_of("0123456789.") == std::string::npos &&
      std::count(field.begin(), field.end(), '.') == 1)
    return std::stod(field);
  return sanitize_text(field);
}

// The decisive attempt's state timeline (--trace-state) as columns and rows; null
// without one, or when it cannot be read.
json state_timeline_json(const AttemptRecord& attempt) {
  if (!attempt.timeline) return nullptr;
  std::ifstream in(*attempt.timeline, std::ios::binary);
  if (!in) return nullptr;
  try {
    const trace::TimelineTable table =
        trace::timeline_table(trace::read_timeline_csv(in, attempt.timeline->string()));
    json rows = json::array();
    for (const std::vector<std::string>& row : table.rows) {
      json values = json::array();
      for (const std::string& field : row) values.push_back(timeline_value(field));
      rows.push_back(std::move(values));
    }
    return json{{"columns", table.columns}, {"rows", std::move(rows)}};
  } catch (const trace::TraceError&) {
    return nullptr;
  }
}

json case_json(const CaseResult& result) {
  const AttemptRecord& decisive = result.decisive_attempt();
  const bool has_message = result.verdict != Verdict::Pass && !decisive.message.empty();
  json attempts = json::array();
  for (const AttemptRecord& attempt : result.attempts) attempts.push_back(attempt_json(attempt));
  json entry{
      {"name", result.test.script.name},
      {"path", result.test.script.display_path.generic_string()},
      {"variant", variant_name(result.test.variant)},
      {"verdict", verdict_name(result.verdict)},
      {"message", has_message ? json(sanitize_text(decisive.message)) : json(nullptr)},
      {"script_line", optional_number(decisive.script_line)},
      {"script_column", optional_number(decisive.script_column)},
      {"duration_seconds", seconds(result.duration)},
      {"runs", result.runs},
      {"passed_runs", result.passed_runs},
      {"failed_runs", result.failed_runs},
      {"pass_ratio", result.pass_ratio()},
      {"log", result.verdict == Verdict::Pass ? json(nullptr) : json(sanitize_text(decisive.log))},
      {"attempts", std::move(attempts)},
  };
  if (decisive.timeline) entry["state_timeline"] = state_timeline_json(decisive);
  return entry;
}

json unfinished_case_json(const TestCase& test, const std::string& reason) {
  return json{
      {"name", test.script.name},
      {"path", test.script.display_path.generic_string()},
      {"variant", variant_name(test.variant)},
      {"verdict", verdict_name(Verdict::Skip)},
      {"message", sanitize_text(reason)},
      {"script_line", nullptr},
      {"script_column", nullptr},
      {"duration_seconds", 0.0},
      {"runs", 0},
      {"passed_runs", 0},
      {"failed_runs", 0},
      {"pass_ratio", 0.0},
      {"log", nullptr},
      {"attempts", json::array()},
  };
}

std::string required_string(const json& entry, const char* key, const std::string& file) {
  const auto it = entry.find(key);
  if (it == entry.end() || !it->is_string()) {
    throw std::runtime_error(file + ": a test entry lacks the string \"" + key + "\"");
  }
  return it->get<std::string>();
}

}  // namespace

json json_report(const SuiteResult& suite, const RunInfo& info) {
  const SuiteCounts counts = suite.counts();
  json tests = json::array();
  for (const CaseResult& result : suite.cases) tests.push_back(case_json(result));
  for (const TestCase& test : suite.unfinished) tests.push_back(unfinished_case_json(test, suite.unfinished_reason));
  json load = nullptr;
  if (info.load_average) {
    load = json::array({(*info.load_average)[0], (*info.load_average)[1], (*info.load_average)[2]});
  }
  return json{
      {"schema_version", kJsonReportSchemaVersion},
      {"tcpdrill_version", info.tcpdrill_version},
      {"kernel_release", info.kernel_release},
      {"hostname", info.hostname},
      {"backend", info.backend},
      {"load_average", std::move(load)},
      {"start_time", iso8601_utc(info.start_time)},
      {"wall_time_seconds", seconds(suite.wall_time)},
      {"options",
       {{"jobs", info.jobs},
        {"repeat", info.repeat},
        {"retry_timing", info.retry_timing},
        {"timeout_seconds", std::chrono::duration<double>(info.timeout).count()},
        {"shard", info.shard.empty() ? json(nullptr) : json(info.shard)}}},
      {"interrupted", suite.interrupted},
      {"planned", suite.planned},
      {"totals",
       {{"passed", counts.passed},
        {"failed", counts.failed},
        {"skipped", counts.skipped + suite.unfinished.size()},
        {"flaky", counts.flaky},
        {"timed_out", counts.timed_out},
        {"passed_on_retry", counts.passed_on_retry}}},
      {"tests", std::move(tests)},
  };
}

void write_json_report(std::ostream& out, const SuiteResult& suite, const RunInfo& info) {
  out << json_report(suite, info).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

std::vector<ReportEntry> load_json_report(const std::filesystem::path& path) {
  const std::string file = path.string();
  json report = json::parse(read_regular_file(file), nullptr, false);
  if (report.is_discarded()) throw std::runtime_error(file + ": not valid JSON");
  const auto tests = report.find("tests");
  if (!report.is_object() || tests == report.end() || !tests->is_array()) {
    throw std::runtime_error(file + ": not a tcpdrill run --json report (no \"tests\" array)");
  }
  std::vector<ReportEntry> entries;
  for (const json& entry : *tests) {
    if (!entry.is_object()) throw std::runtime_error(file + ": a test entry is not an object");
    ReportEntry parsed;
    parsed.name = required_string(entry, "name", file);
    parsed.variant = required_string(entry, "variant", file);
    parsed.verdict = required_string(entry, "verdict", file);
    const auto message = entry.find("message");
    if (message != entry.end() && message->is_string()) parsed.message = message->get<std::string>();
    entries.push_back(std::move(parsed));
  }
  return entries;
}

}  // namespace tcpdrill::runner
