#include "trace/time_sequence_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace tcpdrill::trace {
namespace {

constexpr double kWidth = 1000, kLeft = 90, kRight = 150, kTop = 50;
constexpr double kSequenceHeight = 420, kGap = 60, kStateHeight = 200, kBottom = 50;
constexpr double kPlotWidth = kWidth - kLeft - kRight;
constexpr double kStateTop = kTop + kSequenceHeight + kGap;
constexpr double kHeight = kStateTop + kStateHeight + kBottom;

constexpr const char* kDataColour = "#1f5fbf";
constexpr const char* kRetransmitColour = "#d62728";
constexpr const char* kAckColour = "#2ca02c";
constexpr const char* kSackColour = "#e08a00";
constexpr const char* kCwndColour = "#1f5fbf";
constexpr const char* kSsthreshColour = "#d62728";
constexpr const char* kReorderingColour = "#8c44b0";

std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string seconds(int64_t usecs) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6f", static_cast<double>(usecs) / 1e6);
  return text;
}

// "0.201249 < . 1:1(0) ack 1001 win 257": a packet's tooltip.
std::string packet_label(const TracedPacket& packet) {
  return seconds(packet.usecs) + (packet.inbound ? " < " : " > ") + packet.text;
}

// A linear map from data to pixels.
struct Axis {
  double low = 0, high = 1, pixel_low = 0, pixel_high = 1;
  double operator()(double value) const {
    return pixel_low + (value - low) / (high - low) * (pixel_high - pixel_low);
  }
};

// Round steps of 1, 2 or 5 times a power of ten, about `count` of them over the range.
std::vector<double> ticks(double low, double high, int count) {
  const double raw = (high - low) / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * power;
    if (step >= raw) break;
  }
  std::vector<double> values;
  for (double value = std::ceil(low / step) * step; value <= high + step * 1e-9; value += step)
    values.push_back(std::abs(value) < step * 1e-9 ? 0 : value);
  return values;
}

std::string tick_label(double value) {
  char text[32];
  if (value == std::floor(value) && std::abs(value) < 1e15)
    std::snprintf(text, sizeof text, "%.0f", value);
  else
    std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// The socket whose state the lower panel shows: the one that got the most bytes
// acknowledged (the data sender), else the one with the most rows.
std::optional<int> busiest_socket(const StateTimeline& timeline) {
  std::map<int, std::pair<uint64_t, std::size_t>> score;
  for (const StateRow& row : timeline.rows) {
    if (!row.socket) continue;
    auto& [acked, rows] = score[*row.socket];
    acked = std::max(acked, row.value("bytes_acked").value_or(0));
    ++rows;
  }
  std::optional<int> best;
  std::pair<uint64_t, std::size_t> best_score{};
  for (const auto& [socket, socket_score] : score) {
    if (!best || socket_score >= best_score) {
      best = socket;
      best_score = socket_score;
    }
  }
  return best;
}

struct Picture {
  std::ostringstream svg;
  Axis time, sequence, state;

  void text(double x, double y, const std::string& content, const std::string& attributes = "") {
    svg << "<text x=\"" << number(x) << "\" y=\"" << number(y) << "\" " << attributes << ">"
        << escaped(content) << "</text>\n";
  }
  void line(double x1, double y1, double x2, double y2, const std::string& attributes) {
    svg << "<line x1=\"" << number(x1) << "\" y1=\"" << number(y1) << "\" x2=\"" << number(x2)
        << "\" y2=\"" << number(y2) << "\" " << attributes << "/>";
  }
};

void draw_axes(Picture& p, double panel_top, double panel_height, const Axis& y, int y_ticks,
               const std::string& y_title) {
  const double bottom = panel_top + panel_height;
  p.svg << "<g class=\"axes\" font-size=\"11\" fill=\"#333\">\n";
  p.svg << "<rect x=\"" << number(kLeft) << "\" y=\"" << number(panel_top) << "\" width=\""
        << number(kPlotWidth) << "\" height=\"" << number(panel_height)
        << "\" fill=\"none\" stroke=\"#888\"/>\n";
  for (double value : ticks(y.low, y.high, y_ticks)) {
    const double at = y(value);
    p.line(kLeft, at, kLeft + kPlotWidth, at, "stroke=\"#eee\"");
    p.text(kLeft - 6, at + 4, tick_label(value), "text-anchor=\"end\"");
  }
  for (double value : ticks(p.time.low, p.time.high, 10)) {
    const double at = p.time(value);
    p.line(at, panel_top, at, bottom, "stroke=\"#eee\"");
    p.text(at, bottom + 15, tick_label(value), "text-anchor=\"middle\"");
  }
  p.text(kLeft + kPlotWidth / 2, bottom + 32, "script time (s)", "text-anchor=\"middle\"");
  p.text(18, panel_top + panel_height / 2, y_title,
         "text-anchor=\"middle\" transform=\"rotate(-90 18 " + number(panel_top + panel_height / 2) + ")\"");
  p.svg << "</g>\n";
}

void legend(Picture& p, double y, const char* colour, const std::string& label, bool dashed = false) {
  const double x = kLeft + kPlotWidth + 15;
  p.line(x, y, x + 22, y, std::string("stroke=\"") + colour + "\" stroke-width=\"3\"" +
                              (dashed ? " stroke-dasharray=\"5 3\"" : ""));
  p.text(x + 28, y + 4, label, "font-size=\"12\"");
}

// Step line of one state value; a value that is absent (or ssthresh not yet set) breaks
// the line.
void draw_state_series(Picture& p, const std::vector<const StateRow*>& rows, std::string_view column,
                       const char* colour, const std::string& extra) {
  p.svg << "<g id=\"" << column << "\" fill=\"none\" stroke=\"" << colour
        << "\" stroke-width=\"2\" " << extra << ">\n";
  std::string path;
  std::optional<std::pair<double, double>> last;
  for (const StateRow* row : rows) {
    const auto value = row->value(column);
    const double x = p.time(static_cast<double>(row->usecs) / 1e6);
    if (!value || (column == "snd_ssthresh" && *value >= kInfiniteSsthresh)) {
      last.reset();
      continue;
    }
    const double y = p.state(static_cast<double>(*value));
    if (!last) {
      path += "M" + number(x) + " " + number(y);
    } else if (y != last->second) {
      path += " H" + number(x) + " V" + number(y);
    }
    last = {x, y};
  }
  if (last) path += " H" + number(kLeft + kPlotWidth);
  if (!path.empty()) p.svg << "<path d=\"" << path << "\"/>\n";
  p.svg << "</g>\n";
}

// What the picture is of: the TCP packets in time order, which way the data went, and
// the state rows of the socket that sent it.
struct Scene {
  std::vector<const TracedPacket*> tcp;
  bool data_inbound = false;
  std::optional<int> socket;
  std::vector<const StateRow*> rows;
};

Scene scene_of(const StateTimeline& timeline) {
  Scene scene;
  for (const TracedPacket& packet : timeline.packets)
    if (packet.tcp) scene.tcp.push_back(&packet);
  std::sort(scene.tcp.begin(), scene.tcp.end(), [](const TracedPacket* a, const TracedPacket* b) {
    return a->usecs < b->usecs || (a->usecs == b->usecs && a->number < b->number);
  });
  // The data direction is the one that carried more payload; the other one's ACKs and
  // SACK blocks number the same bytes.
  uint64_t inbound_bytes = 0, outbound_bytes = 0;
  for (const TracedPacket* packet : scene.tcp)
    (packet->inbound ? inbound_bytes : outbound_bytes) += packet->end_seq - packet->seq;
  scene.data_inbound = inbound_bytes > outbound_bytes;
  scene.socket = busiest_socket(timeline);
  for (const StateRow& row : timeline.rows)
    if (row.socket && row.socket == scene.socket) scene.rows.push_back(&row);
  return scene;
}

double x_of(const Picture& p, int64_t usecs) { return p.time(static_cast<double>(usecs) / 1e6); }

void set_axes(Picture& p, const Scene& scene) {
  int64_t first = 0, last = 1;
  double high_seq = 1, high_state = 1;
  for (const TracedPacket* packet : scene.tcp) {
    first = std::min(first, packet->usecs);
    last = std::max(last, packet->usecs);
    if (packet->inbound == scene.data_inbound) {
      if (packet->end_seq > packet->seq) high_seq = std::max<double>(high_seq, packet->end_seq);
    } else {
      if (packet->ack) high_seq = std::max<double>(high_seq, *packet->ack);
      for (const SackBlock& block : packet->sack) high_seq = std::max<double>(high_seq, block.right);
    }
  }
  for (const StateRow* row : scene.rows) {
    first = std::min(first, row->usecs);
    last = std::max(last, row->usecs);
    for (std::string_view column : {"snd_cwnd", "snd_ssthresh", "reordering"}) {
      const auto value = row->value(column);
      if (value && *value < kInfiniteSsthresh) high_state = std::max<double>(high_state, *value);
    }
  }
  const double start = static_cast<double>(first) / 1e6;
  const double span = static_cast<double>(last - first) / 1e6;
  p.time = {start, start + span * 1.02, kLeft, kLeft + kPlotWidth};
  p.sequence = {0, high_seq * 1.05, kTop + kSequenceHeight, kTop};
  p.state = {0, std::ceil(high_state * 1.15), kStateTop + kStateHeight, kStateTop};
}

// Recovery and Loss periods of the sender, across both panels.
void draw_recovery_bands(Picture& p, const std::vector<const StateRow*>& rows) {
  p.svg << "<g id=\"recovery-bands\">\n";
  for (std::size_t i = 0; i < rows.size();) {
    const uint64_t ca = rows[i]->value("ca_state").value_or(0);
    if (ca != 3 && ca != 4) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < rows.size() && rows[end]->value("ca_state").value_or(0) == ca) ++end;
    const double x1 = x_of(p, rows[i]->usecs);
    const double x2 = end < rows.size() ? x_of(p, rows[end]->usecs) : kLeft + kPlotWidth;
    const std::string name = ca_state_name(ca);
    for (double top : {kTop, kStateTop}) {
      p.svg << "<rect x=\"" << number(x1) << "\" y=\"" << number(top) << "\" width=\""
            << number(std::max(x2 - x1, 2.0)) << "\" height=\""
            << number(top == kTop ? kSequenceHeight : kStateHeight) << "\" fill=\""
            << (ca == 3 ? "#fbe3e0" : "#fff0c8") << "\"><title>" << name << " "
            << seconds(rows[i]->usecs) << " s</title></rect>\n";
    }
    p.text(x1 + 3, kTop + 14, name, "font-size=\"11\" fill=\"#a33\"");
    i = end;
  }
  p.svg << "</g>\n";
}

// The congestion state the sender was in at `usecs`.
std::optional<uint64_t> ca_state_at(const std::vector<const StateRow*>& rows, int64_t usecs) {
  std::optional<uint64_t> state;
  for (const StateRow* row : rows) {
    if (row->usecs > usecs) break;
    state = row->value("ca_state");
  }
  return state;
}

// Data segments, a bar each and a tick where it starts so that segments sent at once stay
// countable; a segment starting below the highest byte sent before it is resent. Returns
// the retransmissions, drawn last so that they sit on top.
std::string draw_data_segments(Picture& p, const Scene& scene) {
  std::ostringstream data, retransmits;
  uint32_t highest = 0;
  bool any_data = false;
  // The first retransmission of each run of them is labelled.
  bool previous_resent = false;
  std::optional<uint64_t> labelled_state;
  for (const TracedPacket* packet : scene.tcp) {
    if (packet->inbound != scene.data_inbound || packet->end_seq <= packet->seq) continue;
    const bool resent = any_data && packet->seq < highest;
    if (!resent) previous_resent = false;
    highest = std::max(highest, packet->end_seq);
    any_data = true;
    const double x = x_of(p, packet->usecs);
    const double bottom = p.sequence(packet->seq), top = p.sequence(packet->end_seq);
    std::ostringstream& out = resent ? retransmits : data;
    out << "<line x1=\"" << number(x) << "\" y1=\"" << number(bottom) << "\" x2=\"" << number(x)
        << "\" y2=\"" << number(top) << "\"><title>" << escaped(packet_label(*packet))
        << "</title></line>\n"
        << "<line class=\"tick\" x1=\"" << number(x - 3) << "\" y1=\"" << number(bottom) << "\" x2=\""
        << number(x + 3) << "\" y2=\"" << number(bottom) << "\" stroke-width=\"1\"/>\n";
    if (!resent) continue;
    out << "<circle cx=\"" << number(x) << "\" cy=\"" << number(top) << "\" r=\"5\" fill=\"none\"/>\n";
    const std::optional<uint64_t> state = ca_state_at(scene.rows, packet->usecs);
    if (!previous_resent || state != labelled_state) {
      const std::string label = state == 3   ? "fast retransmit"
                                : state == 4 ? "retransmit after timeout"
                                             : "retransmit";
      // Right of the mark, or left of it near the right edge.
      const bool left = x > kLeft + kPlotWidth * 0.7;
      out << "<text x=\"" << number(left ? x - 10 : x + 8) << "\" y=\"" << number(top - 6)
          << "\" text-anchor=\"" << (left ? "end" : "start") << "\" fill=\"" << kRetransmitColour
          << "\" stroke=\"none\" font-size=\"12\">" << label << " " << packet->seq << ":"
          << packet->end_seq << "</text>\n";
      labelled_state = state;
    }
    previous_resent = true;
  }
  p.svg << "<g id=\"data-segments\" stroke=\"" << kDataColour << "\" stroke-width=\"3\">\n"
        << data.str() << "</g>\n";
  return retransmits.str();
}

// The other side's cumulative ACK as a step line, one dot per ACK (duplicate ACKs pile
// up on one level), and its SACK blocks beside each ACK.
void draw_acks(Picture& p, const Scene& scene) {
  std::string ack_path, dots;
  std::ostringstream sacks;
  bool any = false;
  for (const TracedPacket* packet : scene.tcp) {
    if (packet->inbound == scene.data_inbound || !packet->ack) continue;
    const double x = x_of(p, packet->usecs);
    const double y = p.sequence(*packet->ack);
    ack_path += any ? " H" + number(x) + " V" + number(y) : "M" + number(x) + " " + number(y);
    any = true;
    dots += "<circle cx=\"" + number(x) + "\" cy=\"" + number(y) + "\" r=\"2.5\"><title>" +
            escaped(packet_label(*packet)) + "</title></circle>\n";
    for (const SackBlock& block : packet->sack) {
      sacks << "<line x1=\"" << number(x + 4) << "\" y1=\"" << number(p.sequence(block.left))
            << "\" x2=\"" << number(x + 4) << "\" y2=\"" << number(p.sequence(block.right))
            << "\"><title>" << seconds(packet->usecs) << " sack " << block.left << ":"
            << block.right << "</title></line>\n";
    }
  }
  p.svg << "<g id=\"acks\" stroke=\"" << kAckColour << "\" fill=\"" << kAckColour << "\">\n";
  if (any) {
    p.svg << "<path d=\"" << ack_path << " H" << number(kLeft + kPlotWidth)
          << "\" fill=\"none\" stroke-width=\"1.5\"/>\n";
  }
  p.svg << dots << "</g>\n<g id=\"sack-blocks\" stroke=\"" << kSackColour
        << "\" stroke-width=\"4\" stroke-opacity=\"0.8\">\n" << sacks.str() << "</g>\n";
}

// cwnd's value wherever it changes, so a reader need not measure the line.
void draw_cwnd_labels(Picture& p, const std::vector<const StateRow*>& rows) {
  p.svg << "<g id=\"cwnd-labels\" font-size=\"10\" fill=\"" << kCwndColour << "\">\n";
  std::optional<uint64_t> shown;
  double last_label_x = -100;
  for (const StateRow* row : rows) {
    const auto cwnd = row->value("snd_cwnd");
    if (!cwnd || cwnd == shown) continue;
    const double x = x_of(p, row->usecs);
    if (shown && x - last_label_x > 14) {
      p.text(x + 2, p.state(static_cast<double>(*cwnd)) - 4, std::to_string(*cwnd));
      last_label_x = x;
    }
    shown = cwnd;
  }
  p.svg << "</g>\n";
}

void draw_legends(Picture& p, const Scene& scene) {
  double y = kTop + 10;
  legend(p, y, kDataColour, scene.data_inbound ? "data in (<)" : "data out (>)");
  legend(p, y += 20, kRetransmitColour, "retransmission");
  legend(p, y += 20, kAckColour, scene.data_inbound ? "ACK out (>)" : "ACK in (<)");
  legend(p, y += 20, kSackColour, "SACK block");
  y = kStateTop + 10;
  legend(p, y, kCwndColour, "cwnd");
  legend(p, y += 20, kSsthreshColour, "ssthresh", true);
  legend(p, y += 20, kReorderingColour, "reordering");
  if (scene.socket) {
    p.text(kLeft + kPlotWidth + 15, y + 24, "socket fd " + std::to_string(*scene.socket),
           "font-size=\"11\" fill=\"#555\"");
  }
}

}  // namespace

std::string time_sequence_svg(const StateTimeline& timeline, const std::string& title) {
  const Scene scene = scene_of(timeline);
  Picture p;
  set_axes(p, scene);
  p.svg << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << number(kWidth) << "\" height=\""
        << number(kHeight) << "\" viewBox=\"0 0 " << number(kWidth) << " " << number(kHeight)
        << "\" font-family=\"sans-serif\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  p.text(kLeft, 24, title, "font-size=\"16\" font-weight=\"bold\"");
  draw_recovery_bands(p, scene.rows);
  draw_axes(p, kTop, kSequenceHeight, p.sequence, 8,
            std::string(scene.data_inbound ? "inbound" : "outbound") + " sequence number (bytes)");
  draw_axes(p, kStateTop, kStateHeight, p.state, 5, "packets");
  const std::string retransmissions = draw_data_segments(p, scene);
  draw_acks(p, scene);
  p.svg << "<g id=\"retransmissions\" stroke=\"" << kRetransmitColour << "\" stroke-width=\"4\">\n"
        << retransmissions << "</g>\n";
  draw_state_series(p, scene.rows, "snd_cwnd", kCwndColour, "");
  draw_state_series(p, scene.rows, "snd_ssthresh", kSsthreshColour, "stroke-dasharray=\"6 3\"");
  draw_state_series(p, scene.rows, "reordering", kReorderingColour, "");
  draw_cwnd_labels(p, scene.rows);
  draw_legends(p, scene);
  p.svg << "</svg>\n";
  return p.svg.str();
}

}  // namespace tcpdrill::trace
