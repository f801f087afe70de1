#include "trace/timeline_csv.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace tcpdrill::trace {
namespace {

constexpr std::string_view kLeadingColumns[] = {"time", "line", "event", "socket"};
constexpr std::string_view kTrailingColumns[] = {"congestion", "cc_info", "packet_no", "direction",
                                                 "packet",     "seq",     "end_seq",   "ack",
                                                 "sack"};

std::string quoted(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string text = "\"";
  for (char c : field) {
    if (c == '"') text += '"';
    text += c;
  }
  return text + "\"";
}

std::string seconds_text(int64_t usecs) {
  char text[40];
  std::snprintf(text, sizeof text, "%.6f", static_cast<double>(usecs) / 1e6);
  return text;
}

std::string sack_text(const std::vector<SackBlock>& blocks) {
  std::string text;
  for (const SackBlock& block : blocks) {
    if (!text.empty()) text += ' ';
    text += std::to_string(block.left) + ":" + std::to_string(block.right);
  }
  return text;
}

std::string value_text(std::size_t column, const std::optional<uint64_t>& value) {
  if (!value) return "";
  if (column == 0) return tcp_state_name(*value);
  if (column == 1) return ca_state_name(*value);
  return std::to_string(*value);
}

std::vector<std::string> header() {
  std::vector<std::string> names(std::begin(kLeadingColumns), std::end(kLeadingColumns));
  for (std::string_view column : tcp_info_columns()) names.emplace_back(column);
  names.insert(names.end(), std::begin(kTrailingColumns), std::end(kTrailingColumns));
  return names;
}

void append_line(std::string& text, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text += ',';
    if (fields[i].find_first_of(",\"\n\r") == std::string::npos) {
      text += fields[i];
    } else {
      text += quoted(fields[i]);
    }
  }
  text += '\n';
}

// One CSV record; quoted fields may span lines. `line` is the record's first line and
// `lines_read` counts on. False at end of input.
bool read_record(std::istream& in, std::vector<std::string>& fields, unsigned& line,
                 unsigned& lines_read, bool& bad_quote) {
  fields.assign(1, "");
  bad_quote = false;
  if (in.peek() == std::char_traits<char>::eof()) return false;
  line = ++lines_read;
  bool in_quotes = false;
  for (int c; (c = in.get()) != std::char_traits<char>::eof();) {
    if (in_quotes) {
      if (c == '"') {
        if (in.peek() == '"') {
          fields.back() += static_cast<char>(in.get());
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++lines_read;
        fields.back() += static_cast<char>(c);
      }
      continue;
    }
    if (c == '"') {
      in_quotes = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      return true;
    } else if (c != '\r') {
      fields.back() += static_cast<char>(c);
    }
  }
  bad_quote = in_quotes;
  return true;
}

class RecordReader {
 public:
  RecordReader(const std::vector<std::string>& fields, const std::map<std::string, std::size_t>& columns,
               const std::string& where)
      : fields_(fields), columns_(columns), where_(where) {}

  std::string_view text(std::string_view column) const {
    const auto it = columns_.find(std::string(column));
    if (it == columns_.end() || it->second >= fields_.size()) return {};
    return fields_[it->second];
  }

  template <typename Number>
  std::optional<Number> number(std::string_view column) const {
    const std::string_view field = text(column);
    if (field.empty()) return std::nullopt;
    Number value{};
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc() || end != field.data() + field.size()) fail(column, field);
    return value;
  }

  int64_t usecs() const {
    const std::string field(text("time"));
    char* end = nullptr;
    const double seconds = std::strtod(field.c_str(), &end);
    if (field.empty() || *end != '\0' || !std::isfinite(seconds)) fail("time", field);
    return std::llround(seconds * 1e6);
  }

  std::vector<SackBlock> sack() const {
    std::vector<SackBlock> blocks;
    std::istringstream words{std::string(text("sack"))};
    for (std::string word; words >> word;) {
      SackBlock block;
      const char* end = word.data() + word.size();
      const auto left = std::from_chars(word.data(), end, block.left);
      if (left.ec != std::errc() || left.ptr == end || *left.ptr != ':') fail("sack", word);
      const auto right = std::from_chars(left.ptr + 1, end, block.right);
      if (right.ec != std::errc() || right.ptr != end) fail("sack", word);
      blocks.push_back(block);
    }
    return blocks;
  }

  [[noreturn]] void fail(std::string_view column, std::string_view field) const {
    throw TraceError(where_ + ": bad " + std::string(column) + " value '" + std::string(field) + "'");
  }

 private:
  const std::vector<std::string>& fields_;
  const std::map<std::string, std::size_t>& columns_;
  const std::string& where_;
};

// One row's fields, written over `fields` so that their storage is reused row after row.
void fill_fields(const StateTimeline& timeline, const StateRow& row, std::vector<std::string>& fields) {
  const std::size_t columns = tcp_info_columns().size();
  fields.resize(std::size(kLeadingColumns) + columns + std::size(kTrailingColumns));
  auto field = fields.begin();
  *field++ = seconds_text(row.usecs);
  *field++ = std::to_string(row.line);
  *field++ = row.event;
  *field++ = row.socket ? std::to_string(*row.socket) : "";
  for (std::size_t i = 0; i < columns; ++i)
    *field++ = value_text(i, i < row.values.size() ? row.values[i] : std::nullopt);
  *field++ = row.congestion;
  *field++ = row.cc_info;
  const TracedPacket* packet =
      row.packet && *row.packet < timeline.packets.size() ? &timeline.packets[*row.packet] : nullptr;
  *field++ = packet ? std::to_string(packet->number) : "";
  *field++ = packet ? (packet->inbound ? "<" : ">") : "";
  *field++ = packet ? packet->text : "";
  *field++ = packet && packet->tcp ? std::to_string(packet->seq) : "";
  *field++ = packet && packet->tcp ? std::to_string(packet->end_seq) : "";
  *field++ = packet && packet->ack ? std::to_string(*packet->ack) : "";
  *field++ = packet ? sack_text(packet->sack) : "";
}

}  // namespace

TimelineTable timeline_table(const StateTimeline& timeline) {
  TimelineTable table{header(), {}};
  for (const StateRow& row : timeline.rows) fill_fields(timeline, row, table.rows.emplace_back());
  return table;
}

void write_timeline_csv(std::ostream& out, const StateTimeline& timeline) {
  std::string text;
  append_line(text, header());
  std::vector<std::string> fields;
  for (const StateRow& row : timeline.rows) {
    fill_fields(timeline, row, fields);
    append_line(text, fields);
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

StateTimeline read_timeline_csv(std::istream& in, const std::string& name) {
  std::vector<std::string> fields;
  unsigned line = 0, lines_read = 0;
  bool bad_quote = false;
  if (!read_record(in, fields, line, lines_read, bad_quote))
    throw TraceError(name + ": empty file, not a tcpdrill state timeline");
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < fields.size(); ++i) columns[fields[i]] = i;
  for (std::string_view required : {"time", "event", "snd_cwnd", "packet_no", "direction"}) {
    if (!columns.contains(std::string(required)))
      throw TraceError(name + ":1: no '" + std::string(required) +
                       "' column: not a tcpdrill state timeline (--trace-state)");
  }

  StateTimeline timeline;
  std::map<uint32_t, std::size_t> packet_index;  // frame number -> index
  const std::span<const std::string_view> info_columns = tcp_info_columns();
  while (read_record(in, fields, line, lines_read, bad_quote)) {
    const std::string where = name + ":" + std::to_string(line);
    if (bad_quote) throw TraceError(where + ": unterminated quoted field");
    if (fields.size() == 1 && fields[0].empty()) continue;
    const RecordReader record(fields, columns, where);
    StateRow row;
    row.usecs = record.usecs();
    row.line = record.number<uint32_t>("line").value_or(0);
    row.event = std::string(record.text("event"));
    row.socket = record.number<int>("socket");
    for (std::size_t i = 0; i < info_columns.size(); ++i) {
      const std::string_view field = record.text(info_columns[i]);
      if (field.empty()) {
        row.values.emplace_back();
      } else if (i <= 1) {
        const auto value = i == 0 ? parse_tcp_state_name(field) : parse_ca_state_name(field);
        if (!value) record.fail(info_columns[i], field);
        row.values.push_back(value);
      } else {
        row.values.push_back(record.number<uint64_t>(info_columns[i]));
      }
    }
    row.congestion = std::string(record.text("congestion"));
    row.cc_info = std::string(record.text("cc_info"));
    if (const auto number = record.number<uint32_t>("packet_no")) {
      auto [it, added] = packet_index.try_emplace(*number, timeline.packets.size());
      if (added) {
        TracedPacket packet;
        packet.number = *number;
        packet.usecs = row.usecs;
        const std::string_view direction = record.text("direction");
        if (direction != "<" && direction != ">") record.fail("direction", direction);
        packet.inbound = direction == "<";
        packet.text = std::string(record.text("packet"));
        const auto seq = record.number<uint32_t>("seq");
        packet.tcp = seq.has_value();
        packet.seq = seq.value_or(0);
        packet.end_seq = record.number<uint32_t>("end_seq").value_or(packet.seq);
        packet.ack = record.number<uint32_t>("ack");
        packet.sack = record.sack();
        timeline.packets.push_back(std::move(packet));
      }
      row.packet = it->second;
    }
    timeline.rows.push_back(std::move(row));
  }
  return timeline;
}

}  // namespace tcpdrill::trace
