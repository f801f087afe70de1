#include "runner/report_diff.h"

#include <map>
#include <utility>

namespace tcpdrill::runner {
namespace {

using Key = std::pair<std::string, std::string>;  // name, variant

std::map<Key, const ReportEntry*> index_by_test(const std::vector<ReportEntry>& report) {
  std::map<Key, const ReportEntry*> index;
  for (const ReportEntry& entry : report) index.emplace(Key{entry.name, entry.variant}, &entry);
  return index;
}

}  // namespace

std::vector<VerdictChange> diff_reports(const std::vector<ReportEntry>& old_report,
                                        const std::vector<ReportEntry>& new_report) {
  const auto old_index = index_by_test(old_report);
  const auto new_index = index_by_test(new_report);
  std::map<Key, VerdictChange> changes;
  auto note = [&](const Key& key, const ReportEntry* before, const ReportEntry* after) {
    const std::string old_verdict = before ? before->verdict : "absent";
    const std::string new_verdict = after ? after->verdict : "absent";
    if (old_verdict == new_verdict) return;
    changes[key] = VerdictChange{key.first,    key.second,
                                 old_verdict,  new_verdict,
                                 before ? before->message : "",
                                 after ? after->message : ""};
  };
  for (const auto& [key, entry] : old_index) {
    const auto match = new_index.find(key);
    note(key, entry, match == new_index.end() ? nullptr : match->second);
  }
  for (const auto& [key, entry] : new_index) {
    if (!old_index.contains(key)) note(key, nullptr, entry);
  }
  std::vector<VerdictChange> sorted;
  for (auto& [key, change] : changes) sorted.push_back(std::move(change));
  return sorted;
}

void write_changes(std::ostream& out, const std::vector<VerdictChange>& changes) {
  auto message = [](const std::string& text) { return text.empty() ? std::string("-") : text; };
  for (const VerdictChange& change : changes) {
    out << change.name << " (" << change.variant << "): " << change.old_verdict << " -> "
        << change.new_verdict << '\n'
        << "  old: " << message(change.old_message) << '\n'
        << "  new: " << message(change.new_message) << '\n';
  }
  out << changes.size() << (changes.size() == 1 ? " verdict changed" : " verdicts changed") << '\n';
}

}  // namespace tcpdrill::runner
