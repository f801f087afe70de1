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

// Enough for a few thousand events and packets; more grows the vectors.
constexpr std::size_t kReservedSamples = 8192;
constexpr std::size_t kReservedPacketBytes = 1 << 20;

}  // namespace

StateRecorder::StateRecorder(bool sample_state) : sample_state_(sample_state) {
  samples_.reserve(sample_state ? kReservedSamples : 0);
  packets_.reserve(kReservedSamples / 2);
  packet_bytes_.reserve(kReservedPacketBytes);
}

void StateRecorder::watch(std::vector<OpenSocket> sockets) {
  const std::lock_guard lock(mutex_);
  watched_ = std::move(sockets);
  // A number that is no longer watched may come back as another socket.
  std::erase_if(congestion_of_fd_, [&](const auto& entry) {
    return std::none_of(watched_.begin(), watched_.end(),
                        [&](const OpenSocket& socket) { return socket.live_fd == entry.first; });
  });
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
  if (sample) sample_sockets(clock_usecs, what, -1, true);
}

void StateRecorder::on_packet(ast::Direction direction, std::span<const uint8_t> ip_packet,
                              int64_t clock_usecs) {
  const std::lock_guard lock(mutex_);
  packets_.push_back({clock_usecs, direction, packet_bytes_.size(), ip_packet.size()});
  packet_bytes_.insert(packet_bytes_.end(), ip_packet.begin(), ip_packet.end());
  sample_sockets(clock_usecs, direction == ast::Direction::Inbound ? "injected" : "sniffed",
                 static_cast<int32_t>(packets_.size() - 1), false);
}

uint16_t StateRecorder::name_index(std::string_view name) {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<uint16_t>(i);
  names_.emplace_back(name);
  return static_cast<uint16_t>(names_.size() - 1);
}

uint16_t StateRecorder::congestion_index(const CongestionInfo& congestion) {
  for (std::size_t i = 0; i < congestions_.size(); ++i) {
    const CongestionInfo& known = congestions_[i];
    if (known.name == congestion.name && known.info_length == congestion.info_length &&
        known.info == congestion.info)
      return static_cast<uint16_t>(i);
  }
  congestions_.push_back(congestion);
  return static_cast<uint16_t>(congestions_.size() - 1);
}

void StateRecorder::sample_sockets(int64_t clock_usecs, std::string_view event, int32_t packet,
                                   bool read_congestion) {
  if (!sample_state_ || watched_.empty()) return;
  const std::vector<const TcpInfoField*>& fields = column_fields();
  const uint16_t event_index = name_index(event);
  for (const OpenSocket& socket : watched_) {
    TcpInfoSnapshot info;
    try {
      info = TcpInfoSnapshot::read(socket.live_fd);
    } catch (const std::system_error&) {
      continue;  // closed by a call still in progress: no state to show
    }
    Sample& sample = samples_.emplace_back();
    sample.clock_usecs = clock_usecs;
    sample.line = current_line_;
    sample.script_fd = socket.script_fd;
    sample.packet = packet;
    sample.event = event_index;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::optional<uint64_t> value = fields[i] ? info.value(*fields[i]) : std::nullopt;
      if (!value) continue;
      sample.values[i] = *value;
      sample.present |= 1u << i;
    }
    const auto known = congestion_of_fd_.find(socket.live_fd);
    if (read_congestion || known == congestion_of_fd_.end()) {
      CongestionInfo congestion = read_congestion_name(socket.live_fd);
      const std::string algorithm = congestion.algorithm();
      const auto silent = reports_nothing_.find(algorithm);
      if (silent == reports_nothing_.end() || !silent->second) {
        read_congestion_report(socket.live_fd, congestion);
        reports_nothing_[algorithm] = congestion.info_length == 0;
      }
      sample.congestion = congestion_of_fd_[socket.live_fd] = congestion_index(congestion);
    } else {
      sample.congestion = known->second;
    }
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
    const RawPacket& raw = packets_[i];
    trace::TracedPacket packet = traced_packet(
        std::span(packet_bytes_).subspan(raw.offset, raw.length), raw.direction, connections);
    packet.number = static_cast<uint32_t>(i + 1);
    packet.usecs = clock.from_clock(raw.clock_usecs);
    timeline.packets.push_back(std::move(packet));
  }
  const std::size_t columns = trace::tcp_info_columns().size();
  std::vector<bool> packet_sampled(packets_.size(), false);
  for (const Sample& sample : samples_) {
    trace::StateRow row;
    row.usecs = clock.from_clock(sample.clock_usecs);
    row.line = sample.line;
    row.event = names_[sample.event];
    row.socket = sample.script_fd;
    for (std::size_t i = 0; i < columns; ++i) {
      if (sample.present & (1u << i)) {
        row.values.push_back(sample.values[i]);
      } else {
        row.values.emplace_back();
      }
    }
    row.congestion = congestions_[sample.congestion].algorithm();
    row.cc_info = congestions_[sample.congestion].details();
    if (sample.packet >= 0) {
      row.packet = static_cast<std::size_t>(sample.packet);
      packet_sampled[*row.packet] = true;
    }
    timeline.rows.push_back(std::move(row));
  }
  // A packet no socket was open for still gets its row: the timeline lists every packet.
  for (std::size_t i = 0; i < packets_.size(); ++i) {
    if (packet_sampled[i]) continue;
    trace::StateRow row;
    row.usecs = timeline.packets[i].usecs;
    row.event = packets_[i].direction == ast::Direction::Inbound ? "injected" : "sniffed";
    row.values.resize(columns);
    row.packet = i;
    timeline.rows.push_back(std::move(row));
  }
  std::stable_sort(timeline.rows.begin(), timeline.rows.end(),
                   [](const trace::StateRow& a, const trace::StateRow& b) { return a.usecs < b.usecs; });
  return timeline;
}

}  // namespace tcpdrill::runtime
