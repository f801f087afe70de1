#include "runtime/state_recorder.h"

#include <algorithm>
#include <system_error>

#include "runtime/traced_packet.h"

namespace tcpdrill::runtime {
namespace {

// The TCP_INFO field behind each timeline column.
const std::vector<const TcpInfoField*>& column_fields() {
  static const std::vector<const TcpInfoField*> fields = [] {
    std::vector<const TcpInfoField*> found;
    for (std::string_view column : trace::tcp_info_columns())
      found.push_back(find_tcp_info_field("tcpi_" + std::string(column)));
    return found;
  }();
  return fields;
}

}  // namespace

void StateRecorder::watch(std::vector<OpenSocket> sockets) {
  const std::lock_guard lock(mutex_);
  watched_ = std::move(sockets);
}

void StateRecorder::event_started(uint32_t line, bool packet_event) {
  if (!packet_event) return;
  const std::lock_guard lock(mutex_);
  current_line_ = line;
}

void StateRecorder::event_finished(uint32_t line, std::string_view what, int64_t clock_usecs,
                                   bool sample) {
  const std::lock_guard lock(mutex_);
  current_line_ = line;
  events_.push_back({line, clock_usecs});
  if (sample) sample_sockets(clock_usecs, what, std::nullopt);
}

void StateRecorder::on_packet(ast::Direction direction, std::span<const uint8_t> ip_packet,
                              int64_t clock_usecs) {
  const std::lock_guard lock(mutex_);
  packets_.push_back({clock_usecs, direction, {ip_packet.begin(), ip_packet.end()}});
  sample_sockets(clock_usecs, direction == ast::Direction::Inbound ? "injected" : "sniffed",
                 packets_.size() - 1);
}

void StateRecorder::sample_sockets(int64_t clock_usecs, std::string_view event,
                                   std::optional<std::size_t> packet) {
  if (!sample_state_) return;
  for (const OpenSocket& socket : watched_) {
    Sample sample{clock_usecs, current_line_, std::string(event), socket.script_fd, {}, {}, packet};
    try {
      sample.info = TcpInfoSnapshot::read(socket.live_fd);
    } catch (const std::system_error&) {
      continue;  // closed by a call still in progress: no state to show
    }
    sample.congestion = read_congestion_name(socket.live_fd);
    const std::string algorithm = sample.congestion.algorithm();
    const auto known = reports_nothing_.find(algorithm);
    if (known == reports_nothing_.end() || !known->second) {
      read_congestion_report(socket.live_fd, sample.congestion);
      reports_nothing_[algorithm] = sample.congestion.info_length == 0;
    }
    samples_.push_back(std::move(sample));
  }
}

std::vector<EventTime> StateRecorder::events() const {
  const std::lock_guard lock(mutex_);
  return events_;
}

trace::StateTimeline StateRecorder::timeline(
    const ScriptClock& clock, const std::vector<const packet::ConnectionState*>& connections) const {
  const std::lock_guard lock(mutex_);
  trace::StateTimeline timeline;
  for (std::size_t i = 0; i < packets_.size(); ++i) {
    trace::TracedPacket packet = traced_packet(packets_[i].bytes, packets_[i].direction, connections);
    packet.number = static_cast<uint32_t>(i + 1);
    packet.usecs = clock.from_clock(packets_[i].clock_usecs);
    timeline.packets.push_back(std::move(packet));
  }
  const std::vector<const TcpInfoField*>& fields = column_fields();
  std::vector<bool> packet_sampled(packets_.size(), false);
  for (const Sample& sample : samples_) {
    trace::StateRow row;
    row.usecs = clock.from_clock(sample.clock_usecs);
    row.line = sample.line;
    row.event = sample.event;
    row.socket = sample.script_fd;
    for (const TcpInfoField* field : fields)
      row.values.push_back(field ? sample.info.value(*field) : std::nullopt);
    row.congestion = sample.congestion.algorithm();
    row.cc_info = sample.congestion.details();
    row.packet = sample.packet;
    if (sample.packet) packet_sampled[*sample.packet] = true;
    timeline.rows.push_back(std::move(row));
  }
  // A packet no socket was open for still gets its row: the timeline lists every packet.
  for (std::size_t i = 0; i < packets_.size(); ++i) {
    if (packet_sampled[i]) continue;
    trace::StateRow row;
    row.usecs = timeline.packets[i].usecs;
    row.event = packets_[i].direction == ast::Direction::Inbound ? "injected" : "sniffed";
    row.values.resize(fields.size());
    row.packet = i;
    timeline.rows.push_back(std::move(row));
  }
  std::stable_sort(timeline.rows.begin(), timeline.rows.end(),
                   [](const trace::StateRow& a, const trace::StateRow& b) { return a.usecs < b.usecs; });
  return timeline;
}

}  // namespace tcpdrill::runtime
