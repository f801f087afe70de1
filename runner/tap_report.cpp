#include "runner/tap_report.h"

#include <nlohmann/json.hpp>

#include "runner/console_reporter.h"
#include "runner/text_sanitize.h"

namespace tcpdrill::runner {
namespace {

// A JSON string is a valid YAML double-quoted scalar, and escapes everything a log holds.
std::string yaml_quote(const std::string& text) {
  return nlohmann::json(sanitize_text(text)).dump();
}

}  // namespace

void write_tap_report(std::ostream& out, const SuiteResult& suite, const RunInfo& info) {
  out << "TAP version 13\n";
  out << "# tcpdrill " << info.tcpdrill_version << " on Linux " << info.kernel_release
      << " (" << info.backend << "), started " << iso8601_utc(info.start_time) << '\n';
  out << "1.." << suite.cases.size() + suite.unfinished.size() << '\n';
  std::size_t number = 0;
  for (const CaseResult& result : suite.cases) {
    const AttemptRecord& decisive = result.decisive_attempt();
    const bool ok = result.verdict == Verdict::Pass || result.verdict == Verdict::PassedOnRetry ||
                    result.verdict == Verdict::Skip;
    out << (ok ? "ok " : "not ok ") << ++number << " - " << tap_test_name(result.test);
    if (result.verdict == Verdict::Skip) {
      out << " # SKIP " << sanitize_text(decisive.message) << '\n';
      continue;
    }
    out << '\n';
    if (result.verdict == Verdict::Pass) continue;
    out << "  ---\n";
    out << "  verdict: " << verdict_name(result.verdict) << '\n';
    out << "  message: " << yaml_quote(decisive.message) << '\n';
    if (decisive.script_line) out << "  script_line: " << *decisive.script_line << '\n';
    out << "  duration_ms: "
        << std::chrono::duration_cast<std::chrono::milliseconds>(result.duration).count() << '\n';
    out << "  runs: " << result.runs << '\n';
    out << "  passed_runs: " << result.passed_runs << '\n';
    out << "  log: " << yaml_quote(decisive.log) << '\n';
    out << "  ...\n";
  }
  for (const TestCase& test : suite.unfinished) {
    out << "ok " << ++number << " - " << tap_test_name(test) << " # SKIP " << sanitize_text(suite.unfinished_reason)
        << '\n';
  }
  if (suite.interrupted) out << "Bail out! interrupted before every test finished\n";
}

}  // namespace tcpdrill::runner
