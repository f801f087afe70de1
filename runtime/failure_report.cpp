#include "runtime/failure_report.h"

#include <algorithm>
#include <cstdio>

#include "runtime/event_timing.h"

namespace tcpdrill::runtime {
namespace {

constexpr std::size_t kEventsShown = 5;
constexpr std::size_t kRowsBefore = 6;
constexpr std::size_t kRowsAfter = 2;

std::string_view source_line(std::string_view source, uint32_t number) {
  std::size_t start = 0;
  for (uint32_t line = 1; line < number; ++line) {
    start = source.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  std::string_view line = source.substr(start, source.find('\n', start) - start);
  const std::size_t first = line.find_first_not_of(" \t");
  return first == std::string_view::npos ? std::string_view{} : line.substr(first);
}

std::string cell(const trace::StateRow& row, std::string_view column) {
  const std::optional<uint64_t> value = row.value(column);
  if (!value) return "-";
  if (column == "state") return trace::tcp_state_name(*value);
  if (column == "ca_state") return trace::ca_state_name(*value);
  if (column == "snd_ssthresh" && *value >= trace::kInfiniteSsthresh) return "inf";
  return std::to_string(*value);
}

std::string row_text(const trace::StateTimeline& timeline, const trace::StateRow& row) {
  char text[256];
  std::snprintf(text, sizeof text, "%10.6f %5u %-10s %-12s %-9s %5s %8s %5s %7s %6s %5s %7s %8s",
                static_cast<double>(row.usecs) / 1e6, row.line, row.event.c_str(),
                cell(row, "state").c_str(), cell(row, "ca_state").c_str(),
                cell(row, "snd_cwnd").c_str(), cell(row, "snd_ssthresh").c_str(),
                cell(row, "reordering").c_str(), cell(row, "unacked").c_str(),
                cell(row, "sacked").c_str(), cell(row, "lost").c_str(),
                cell(row, "total_retrans").c_str(), cell(row, "rtt").c_str());
  std::string line = text;
  if (row.packet && *row.packet < timeline.packets.size()) {
    const trace::TracedPacket& packet = timeline.packets[*row.packet];
    line += std::string("  ") + (packet.inbound ? "< " : "> ") + packet.text;
  }
  return line;
}

}  // namespace

std::string failure_context(const trace::StateTimeline& timeline,
                            const std::vector<FinishedEvent>& events, std::string_view source,
                            int64_t failure_usecs, std::optional<int> socket) {
  std::string text;
  if (!events.empty()) {
    text += "last events before the failure (time finished, script line):\n";
    const std::size_t first = events.size() > kEventsShown ? events.size() - kEventsShown : 0;
    for (std::size_t i = first; i < events.size(); ++i) {
      char head[64];
      std::snprintf(head, sizeof head, "  %10.6f  line %-4u ", static_cast<double>(events[i].usecs) / 1e6,
                    events[i].line);
      text += head + std::string(source_line(source, events[i].line)) + "\n";
    }
  }

  std::vector<const trace::StateRow*> rows;
  for (const trace::StateRow& row : timeline.rows)
    if (row.socket && (!socket || row.socket == socket)) rows.push_back(&row);
  if (rows.empty()) return text;
  const auto after = std::find_if(rows.begin(), rows.end(),
                                  [&](const trace::StateRow* row) { return row->usecs > failure_usecs; });
  const auto begin = after - std::min<std::ptrdiff_t>(after - rows.begin(), kRowsBefore);
  const auto end = after + std::min<std::ptrdiff_t>(rows.end() - after, kRowsAfter);
  if (begin == end) return text;
  text += "state of socket " + (socket ? std::to_string(*socket) : std::string("fds")) +
          " around it (TCP_INFO; the failure was at " +
          format_seconds(failure_usecs) + "):\n";
  text += "        time  line event      state        ca_state   cwnd ssthresh reord unacked sacked  lost retrans  rtt(us)  packet\n";
  for (auto it = begin; it != end; ++it) text += "  " + row_text(timeline, **it) + "\n";
  return text;
}

}  // namespace tcpdrill::runtime
