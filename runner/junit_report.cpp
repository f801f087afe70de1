#include "runner/junit_report.h"

#include <cstdio>
#include <filesystem>

#include "runner/console_reporter.h"
#include "runner/duration_text.h"
#include "runner/text_sanitize.h"

namespace tcpdrill::runner {
namespace {

// "tcp.fast_recovery.prr": the script's directory and stem, as the report tools group
// test cases by class.
std::string class_name(const Script& script) {
  std::string name = std::filesystem::path(script.name).replace_extension().generic_string();
  for (char& c : name) {
    if (c == '/') c = '.';
  }
  return name;
}

std::string attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_escape(value) + "\"";
}

void write_testcase(std::ostream& out, const CaseResult& result) {
  const AttemptRecord& decisive = result.decisive_attempt();
  out << "    <testcase" << attribute("name", tap_test_name(result.test))
      << attribute("classname", class_name(result.test.script))
      << attribute("time", seconds_text(result.duration, 3)) << ">\n";
  switch (result.verdict) {
    case Verdict::Pass:
    case Verdict::PassedOnRetry:
      break;
    case Verdict::Skip:
      out << "      <skipped" << attribute("message", decisive.message) << "/>\n";
      break;
    case Verdict::Fail:
    case Verdict::Timeout:
    case Verdict::Flaky: {
      std::string message = decisive.message;
      if (result.verdict == Verdict::Flaky) {
        message = "flaky: passed " + std::to_string(result.passed_runs) + " of " +
                  std::to_string(result.passed_runs + result.failed_runs) + " runs; " + message;
      }
      out << "      <failure" << attribute("message", message)
          << attribute("type", verdict_name(result.verdict)) << ">" << xml_escape(decisive.log)
          << "</failure>\n";
      break;
    }
  }
  if (result.verdict == Verdict::PassedOnRetry) {
    out << "      <system-out>passed on retry after a timing error: "
        << xml_escape(result.attempts.front().message) << "</system-out>\n";
  } else if (!decisive.output.empty()) {
    out << "      <system-out>" << xml_escape(decisive.output) << "</system-out>\n";
  }
  if (!decisive.log.empty()) {
    out << "      <system-err>" << xml_escape(decisive.log) << "</system-err>\n";
  }
  out << "    </testcase>\n";
}

void write_unfinished_testcase(std::ostream& out, const TestCase& test, const std::string& reason) {
  out << "    <testcase" << attribute("name", tap_test_name(test)) << attribute("classname", class_name(test.script))
      << attribute("time", "0.000") << ">\n";
  out << "      <skipped" << attribute("message", reason) << "/>\n";
  out << "    </testcase>\n";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  const std::string clean = sanitize_text(text);
  std::string escaped;
  escaped.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&apos;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

void write_junit_report(std::ostream& out, const SuiteResult& suite, const RunInfo& info) {
  const SuiteCounts counts = suite.counts();
  const std::string tests = std::to_string(suite.cases.size() + suite.unfinished.size());
  const std::string failures = std::to_string(counts.failed + counts.flaky);
  const std::string skipped = std::to_string(counts.skipped + suite.unfinished.size());
  const std::string time = seconds_text(suite.wall_time, 3);
  // JUnit timestamps carry no zone; ours are UTC.
  std::string timestamp = iso8601_utc(info.start_time);
  if (!timestamp.empty() && timestamp.back() == 'Z') timestamp.pop_back();

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites" << attribute("name", "tcpdrill") << attribute("tests", tests)
      << attribute("failures", failures) << attribute("errors", "0")
      << attribute("skipped", skipped) << attribute("time", time) << ">\n";
  out << "  <testsuite" << attribute("name", "tcpdrill run") << attribute("tests", tests)
      << attribute("failures", failures) << attribute("errors", "0")
      << attribute("skipped", skipped) << attribute("time", time)
      << attribute("timestamp", timestamp) << attribute("hostname", info.hostname) << ">\n";
  out << "    <properties>\n";
  auto property = [&](std::string_view name, const std::string& value) {
    out << "      <property" << attribute("name", name) << attribute("value", value) << "/>\n";
  };
  property("tcpdrill_version", info.tcpdrill_version);
  property("kernel_release", info.kernel_release);
  property("backend", info.backend);
  if (info.load_average) {
    char load[64];
    std::snprintf(load, sizeof load, "%.2f %.2f %.2f", (*info.load_average)[0],
                  (*info.load_average)[1], (*info.load_average)[2]);
    property("load_average", load);
  }
  property("interrupted", suite.interrupted ? "true" : "false");
  out << "    </properties>\n";
  for (const CaseResult& result : suite.cases) write_testcase(out, result);
  for (const TestCase& test : suite.unfinished) write_unfinished_testcase(out, test, suite.unfinished_reason);
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace tcpdrill::runner
