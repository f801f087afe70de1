#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcpdrill::trace {

// The TCP_INFO fields a timeline row holds, in column order, without the tcpi_ prefix.
std::span<const std::string_view> tcp_info_columns();
inline constexpr std::size_t kTcpInfoColumnCount = 17;
// Index of a column of tcp_info_columns(); throws std::out_of_range for an unknown one.
std::size_t tcp_info_column(std::string_view name);

struct SackBlock {
  uint32_t left = 0, right = 0;
  friend bool operator==(const SackBlock&, const SackBlock&) = default;
};

// One packet that crossed tun0, in script time and script sequence space.
struct TracedPacket {
  uint32_t number = 0;   // its frame number in the run's pcap, from 1
  int64_t usecs = 0;     // script time
  bool inbound = false;  // injected by tcpdrill (`<`), else sent by the kernel (`>`)
  std::string text;      // script notation without direction and time
  bool tcp = false;      // the fields below are only for TCP
  uint32_t seq = 0, end_seq = 0;
  std::optional<uint32_t> ack;
  std::vector<SackBlock> sack;
  friend bool operator==(const TracedPacket&, const TracedPacket&) = default;
};

// What one socket looked like at one moment: after an event, or when a packet was
// injected or sniffed.
struct StateRow {
  int64_t usecs = 0;   // script time
  uint32_t line = 0;   // of the event that ran then
  std::string event;   // "write", "injected", "sniffed", ...
  std::optional<int> socket;  // the script's fd; none: no TCP socket was open
  std::vector<std::optional<uint64_t>> values;  // per tcp_info_columns(); none: not offered
  std::string congestion;     // TCP_CONGESTION
  std::string cc_info;        // TCP_CC_INFO as "name=value ...", empty when not offered
  std::optional<std::size_t> packet;  // index into StateTimeline::packets

  std::optional<uint64_t> value(std::string_view column) const;
  friend bool operator==(const StateRow&, const StateRow&) = default;
};

// The record of a run: every packet and every state sample, in time order.
struct StateTimeline {
  std::vector<TracedPacket> packets;
  std::vector<StateRow> rows;
  friend bool operator==(const StateTimeline&, const StateTimeline&) = default;
};

// tcpi_state and tcpi_ca_state as the kernel's names without prefix ("ESTABLISHED",
// "Recovery"), or the number when it has no name.
std::string tcp_state_name(uint64_t state);
std::string ca_state_name(uint64_t ca_state);
std::optional<uint64_t> parse_tcp_state_name(std::string_view name);
std::optional<uint64_t> parse_ca_state_name(std::string_view name);

// tcpi_snd_ssthresh before the first loss: "no threshold yet".
constexpr uint64_t kInfiniteSsthresh = 0x7fffffff;

}  // namespace tcpdrill::trace
