#include "timeline_samples.h"

namespace tcpdrill::trace::test {
namespace {

StateRow row(int64_t usecs, uint32_t line, const char* event, uint64_t ca_state, uint64_t cwnd,
             uint64_t ssthresh, std::optional<std::size_t> packet) {
  StateRow state;
  state.usecs = usecs;
  state.line = line;
  state.event = event;
  state.socket = 4;
  state.values.resize(tcp_info_columns().size());
  state.values[tcp_info_column("state")] = 1;
  state.values[tcp_info_column("ca_state")] = ca_state;
  state.values[tcp_info_column("snd_cwnd")] = cwnd;
  state.values[tcp_info_column("snd_ssthresh")] = ssthresh;
  state.values[tcp_info_column("reordering")] = 3;
  state.values[tcp_info_column("bytes_acked")] = 1;
  state.congestion = "reno";
  state.packet = packet;
  return state;
}

TracedPacket segment(uint32_t number, int64_t usecs, uint32_t seq, const char* text) {
  TracedPacket packet;
  packet.number = number;
  packet.usecs = usecs;
  packet.text = text;
  packet.tcp = true;
  packet.seq = seq;
  packet.end_seq = seq + 1000;
  packet.ack = 1;
  return packet;
}

TracedPacket ack(uint32_t number, int64_t usecs, uint32_t ack_number, std::vector<SackBlock> sack,
                 const char* text) {
  TracedPacket packet;
  packet.number = number;
  packet.usecs = usecs;
  packet.inbound = true;
  packet.text = text;
  packet.tcp = true;
  packet.seq = packet.end_seq = 1;
  packet.ack = ack_number;
  packet.sack = std::move(sack);
  return packet;
}

}  // namespace

StateTimeline fast_retransmit_timeline() {
  StateTimeline timeline;
  timeline.packets = {
      segment(1, 100'000, 1, ". 1:1001(1000) ack 1"),
      segment(2, 100'010, 1001, ". 1001:2001(1000) ack 1"),
      segment(3, 100'020, 2001, ". 2001:3001(1000) ack 1"),
      segment(4, 100'030, 3001, "P. 3001:4001(1000) ack 1"),
      ack(5, 200'000, 1, {{3001, 4001}}, ". 1:1(0) ack 1 win 257 <sack 3001:4001,nop,nop>"),
      segment(6, 200'100, 1, ". 1:1001(1000) ack 1"),
      ack(7, 300'000, 4001, {}, ". 1:1(0) ack 4001 win 257"),
  };
  timeline.rows = {
      row(90'000, 10, "write", 0, 10, kInfiniteSsthresh, std::nullopt),
      row(100'000, 10, "sniffed", 0, 10, kInfiniteSsthresh, 0),
      row(100'010, 10, "sniffed", 0, 10, kInfiniteSsthresh, 1),
      row(100'020, 10, "sniffed", 0, 10, kInfiniteSsthresh, 2),
      row(100'030, 10, "sniffed", 0, 10, kInfiniteSsthresh, 3),
      row(200'000, 11, "injected", 3, 7, 7, 4),
      row(200'100, 11, "sniffed", 3, 7, 7, 5),
      row(300'000, 12, "injected", 0, 7, 7, 6),
  };
  return timeline;
}

}  // namespace tcpdrill::trace::test
