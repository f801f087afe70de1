#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "runner/json_report.h"

namespace tcpdrill::runner {

// A test (name + variant) whose verdict differs between two reports. A test present in
// only one report has verdict "absent" on the other side.
struct VerdictChange {
  std::string name;
  std::string variant;
  std::string old_verdict;
  std::string new_verdict;
  std::string old_message;
  std::string new_message;
};

// Changes sorted by name, then variant.
std::vector<VerdictChange> diff_reports(const std::vector<ReportEntry>& old_report,
                                        const std::vector<ReportEntry>& new_report);

// "tcp/x.pkt (ipv4): pass -> fail" then "  old: ..." and "  new: ..." with the failure
// messages ("-" when there is none), and a count line at the end.
void write_changes(std::ostream& out, const std::vector<VerdictChange>& changes);

}  // namespace tcpdrill::runner
