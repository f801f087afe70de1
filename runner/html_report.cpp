#include "runner/html_report.h"

#include <cctype>

#include "runner/duration_text.h"
#include "runner/junit_report.h"

namespace tcpdrill::runner {
namespace {

constexpr const char* kStyle = R"(
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 0.25em 0.8em; border-bottom: 1px solid #ddd; vertical-align: top; }
.pass, .passed_on_retry { color: #176b1b; } .fail, .timeout, .flaky { color: #b3261e; font-weight: bold; }
.skip { color: #777; }
pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; font-size: 85%; }
section.failure { margin: 2em 0; border-top: 2px solid #b3261e; }
img { max-width: 100%; border: 1px solid #ccc; }
)";

std::string escaped(std::string_view text) { return xml_escape(text); }

std::string link(const std::filesystem::path& dir, const std::optional<std::filesystem::path>& file) {
  if (!file) return "";
  std::error_code ec;
  const std::filesystem::path relative = std::filesystem::relative(*file, dir, ec);
  return escaped((ec || relative.empty() ? *file : relative).generic_string());
}

std::string anchor(const CaseResult& result) {
  std::string id = "t-" + result.test.script.name + "-" + std::string(variant_name(result.test.variant));
  for (char& c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '_';
  return id;
}

bool failed(const CaseResult& result) {
  return result.verdict == Verdict::Fail || result.verdict == Verdict::Timeout ||
         result.verdict == Verdict::Flaky;
}

void write_failure(std::ostream& out, const std::filesystem::path& dir, const CaseResult& result) {
  const AttemptRecord& attempt = result.decisive_attempt();
  out << "<section class=\"failure\" id=\"" << anchor(result) << "\">\n<h2>"
      << escaped(result.test.script.name) << " (" << variant_name(result.test.variant) << "): "
      << verdict_name(result.verdict) << "</h2>\n<pre class=\"report\">"
      << escaped(attempt.log.empty() ? attempt.message : attempt.log) << "</pre>\n<p>";
  if (attempt.capture) out << "<a class=\"pcap\" href=\"" << link(dir, attempt.capture) << "\">pcap</a> ";
  if (attempt.timeline)
    out << "<a class=\"timeline\" href=\"" << link(dir, attempt.timeline) << "\">state timeline (CSV)</a>";
  out << "</p>\n";
  if (attempt.picture)
    out << "<img class=\"plot\" src=\"" << link(dir, attempt.picture) << "\" alt=\"time-sequence diagram of "
        << escaped(result.test.script.name) << "\">\n";
  out << "</section>\n";
}

}  // namespace

void write_html_report(std::ostream& out, const std::filesystem::path& dir, const SuiteResult& suite,
                       const RunInfo& info) {
  const SuiteCounts counts = suite.counts();
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>tcpdrill run: " << counts.passed << " passed, " << counts.failed << " failed</title>\n"
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n<h1>tcpdrill run</h1>\n"
      << "<p id=\"summary\">" << counts.passed << " passed, " << counts.failed << " failed, "
      << counts.skipped << " skipped";
  if (counts.flaky > 0) out << ", " << counts.flaky << " flaky";
  if (suite.interrupted) out << "; interrupted";
  out << " &middot; wall time " << seconds_text(suite.wall_time, 2) << " s &middot; kernel "
      << escaped(info.kernel_release) << " &middot; tcpdrill " << escaped(info.tcpdrill_version)
      << " &middot; started " << escaped(iso8601_utc(info.start_time)) << "</p>\n"
      << "<table id=\"tests\">\n<tr><th>test</th><th>variant</th><th>verdict</th><th>time (s)</th>"
      << "<th>message</th><th>files</th></tr>\n";
  for (const CaseResult& result : suite.cases) {
    const std::string verdict(verdict_name(result.verdict));
    const AttemptRecord& attempt = result.decisive_attempt();
    out << "<tr class=\"test\" data-verdict=\"" << verdict << "\"><td class=\"name\">";
    if (failed(result)) out << "<a href=\"#" << anchor(result) << "\">";
    out << escaped(result.test.script.name) << (failed(result) ? "</a>" : "") << "</td><td>"
        << variant_name(result.test.variant) << "</td><td class=\"" << verdict << "\">" << verdict
        << "</td><td>" << seconds_text(result.duration, 2) << "</td><td>"
        << (result.verdict == Verdict::Pass ? "" : escaped(attempt.message)) << "</td><td>";
    if (attempt.picture) out << "<a href=\"" << link(dir, attempt.picture) << "\">picture</a> ";
    if (attempt.capture) out << "<a href=\"" << link(dir, attempt.capture) << "\">pcap</a> ";
    if (attempt.timeline) out << "<a href=\"" << link(dir, attempt.timeline) << "\">timeline</a>";
    out << "</td></tr>\n";
  }
  out << "</table>\n";
  for (const CaseResult& result : suite.cases)
    if (failed(result)) write_failure(out, dir, result);
  out << "</body>\n</html>\n";
}

}  // namespace tcpdrill::runner
