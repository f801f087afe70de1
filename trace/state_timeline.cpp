#include "trace/state_timeline.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

namespace tcpdrill::trace {
namespace {

constexpr std::string_view kColumns[] = {
    "state",       "ca_state",     "snd_cwnd",    "snd_ssthresh", "reordering",
    "retransmits", "total_retrans", "lost",       "sacked",       "fackets",
    "rtt",         "rttvar",       "rto",         "pacing_rate",  "delivery_rate",
    "bytes_acked", "unacked",
};

static_assert(std::size(kColumns) == kTcpInfoColumnCount);

// Index = the kernel's value (include/net/tcp_states.h, enum tcp_ca_state).
constexpr std::array<std::string_view, 13> kTcpStates = {
    "",          "ESTABLISHED", "SYN_SENT",   "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
    "CLOSE",     "CLOSE_WAIT",  "LAST_ACK",   "LISTEN",   "CLOSING",   "NEW_SYN_RECV"};
constexpr std::array<std::string_view, 5> kCaStates = {"Open", "Disorder", "CWR", "Recovery", "Loss"};

template <std::size_t N>
std::string name_of(const std::array<std::string_view, N>& names, uint64_t value) {
  if (value < N && !names[value].empty()) return std::string(names[value]);
  return std::to_string(value);
}

template <std::size_t N>
std::optional<uint64_t> parse_name(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (!names[i].empty() && names[i] == text) return i;
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::span<const std::string_view> tcp_info_columns() { return kColumns; }

std::size_t tcp_info_column(std::string_view name) {
  const auto* it = std::find(std::begin(kColumns), std::end(kColumns), name);
  if (it == std::end(kColumns)) throw std::out_of_range("no timeline column " + std::string(name));
  return static_cast<std::size_t>(it - std::begin(kColumns));
}

std::optional<uint64_t> StateRow::value(std::string_view column) const {
  const std::size_t index = tcp_info_column(column);
  return index < values.size() ? values[index] : std::nullopt;
}

std::string tcp_state_name(uint64_t state) { return name_of(kTcpStates, state); }
std::string ca_state_name(uint64_t ca_state) { return name_of(kCaStates, ca_state); }
std::optional<uint64_t> parse_tcp_state_name(std::string_view name) { return parse_name(kTcpStates, name); }
std::optional<uint64_t> parse_ca_state_name(std::string_view name) { return parse_name(kCaStates, name); }

}  // namespace tcpdrill::trace
