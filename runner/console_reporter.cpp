#include "runner/console_reporter.h"

#include <cstdio>
#include <sstream>

#include "runner/duration_text.h"

namespace tcpdrill::runner {
namespace {

// The failure report under a FAIL or FLAKY line.
std::string details_of(const CaseResult& result) {
  if (result.verdict != Verdict::Fail && result.verdict != Verdict::Flaky) return "";
  return failure_details(result.decisive_attempt());
}

void write_diagnostic_lines(std::ostream& out, const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out << "# " << line << '\n';
}

}  // namespace

std::string failure_details(const AttemptRecord& attempt) {
  std::istringstream lines(attempt.log);
  std::string details, line;
  bool skipped_headline = false;
  while (std::getline(lines, line)) {
    if (!skipped_headline && line == attempt.message) {
      skipped_headline = true;
      continue;
    }
    details += "    " + line + '\n';
  }
  while (details.ends_with("    \n")) details.resize(details.size() - 5);
  return details;
}

std::string format_clock(std::chrono::seconds elapsed) {
  const long long total = elapsed.count();
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
}

std::string tap_test_name(const TestCase& test) {
  std::string name = test.script.name + " " + std::string(variant_name(test.variant));
  for (char& c : name) {
    if (c == '#' || c == '\n' || c == '\r') c = '_';
  }
  return name;
}

std::string format_result_line(const CaseResult& result) {
  const std::string where = result.test.script.display_path.string() + " " +
                            std::string(variant_name(result.test.variant));
  const std::string took = seconds_text(result.duration, 2) + "s";
  const std::string& message = result.decisive_attempt().message;
  switch (result.verdict) {
    case Verdict::Pass: return "ok      " + where + " " + took;
    case Verdict::PassedOnRetry: return "ok      " + where + " " + took + " (passed on retry)";
    case Verdict::Fail: return "FAIL    " + where + " " + took + ": " + message;
    case Verdict::Timeout: return "TIMEOUT " + where + " " + took;
    case Verdict::Skip: return "SKIP    " + where + ": " + message;
    case Verdict::Flaky:
      return "FLAKY   " + where + " " + took + ": passed " + std::to_string(result.passed_runs) +
             "/" + std::to_string(result.passed_runs + result.failed_runs) +
             " runs; last failure: " + message;
  }
  return where;
}

ConsoleReporter::ConsoleReporter(std::ostream& out, Style style, std::size_t total_cases)
    : out_(out), style_(style), total_(total_cases), start_(std::chrono::steady_clock::now()) {}

void ConsoleReporter::begin() {
  if (style_ != Style::Ktap) return;
  // kselftest's ktap_helpers print this header; KTAP parsers accept it as version 1.
  out_ << "TAP version 13\n1.." << total_ << '\n' << std::flush;
}

void ConsoleReporter::on_attempt_started(const TestCase&, unsigned, unsigned) {
  if (style_ == Style::Terminal) draw_progress();
}

void ConsoleReporter::on_tick() {
  if (style_ == Style::Terminal) draw_progress();
}

void ConsoleReporter::on_case_finished(const CaseResult& result) {
  ++done_;
  switch (style_) {
    case Style::Plain:
      out_ << format_result_line(result) << '\n' << details_of(result) << std::flush;
      return;
    case Style::Terminal:
      if (result.verdict != Verdict::Pass) {
        clear_progress();
        out_ << format_result_line(result) << '\n' << details_of(result);
      }
      draw_progress();
      return;
    case Style::Ktap:
      break;
  }
  const AttemptRecord& decisive = result.decisive_attempt();
  const std::string name = std::to_string(++ktap_number_) + " " + tap_test_name(result.test);
  switch (result.verdict) {
    case Verdict::Pass: out_ << "ok " << name << '\n'; break;
    case Verdict::PassedOnRetry:
      out_ << "# passed on retry after a timing error\nok " << name << '\n';
      break;
    case Verdict::Skip: out_ << "ok " << name << " # SKIP " << decisive.message << '\n'; break;
    case Verdict::Timeout:
      write_diagnostic_lines(out_, decisive.log);
      out_ << "not ok " << name << " # TIMEOUT " << decisive.message << '\n';
      break;
    case Verdict::Flaky:
      out_ << "# flaky: passed " << result.passed_runs << " of "
           << result.passed_runs + result.failed_runs << " runs\n";
      [[fallthrough]];
    case Verdict::Fail:
      write_diagnostic_lines(out_, decisive.log.empty() ? decisive.message : decisive.log);
      out_ << "not ok " << name << '\n';
      break;
  }
  out_ << std::flush;
}

void ConsoleReporter::end(const SuiteResult& suite) {
  if (style_ == Style::Terminal) clear_progress();
  if (style_ != Style::Ktap) return;
  const SuiteCounts counts = suite.counts();
  if (suite.interrupted) out_ << "Bail out! interrupted\n";
  out_ << "# Totals: pass:" << counts.passed << " fail:" << counts.failed + counts.flaky
       << " xfail:0 xpass:0 skip:" << counts.skipped << " error:0\n"
       << std::flush;
}

void ConsoleReporter::draw_progress() {
  using std::chrono::seconds;
  const auto elapsed = std::chrono::duration_cast<seconds>(std::chrono::steady_clock::now() - start_);
  std::string eta = "?";
  if (done_ > 0) {
    eta = format_clock(seconds(elapsed.count() * static_cast<long long>(total_ - done_) /
                               static_cast<long long>(done_)));
  }
  out_ << "\r\033[K[" << done_ << "/" << total_ << "] " << format_clock(elapsed)
       << " elapsed, ETA " << eta << std::flush;
  progress_shown_ = true;
}

void ConsoleReporter::clear_progress() {
  if (!progress_shown_) return;
  out_ << "\r\033[K";
  progress_shown_ = false;
}

void write_summary(std::ostream& out, const SuiteResult& suite) {
  const SuiteCounts counts = suite.counts();
  if (counts.flaky > 0) out << counts.flaky << " flaky\n";
  if (suite.interrupted) {
    out << "interrupted: " << suite.planned - suite.cases.size() << " of " << suite.planned
        << " tests did not finish\n";
  }
  out << counts.passed << " passed, " << counts.failed << " failed, " << counts.skipped
      << " skipped\n"
      << "wall time " << seconds_text(suite.wall_time, 2) << " s\n"
      << std::flush;
}

}  // namespace tcpdrill::runner
