#include "runtime/tcp_info_snapshot.h"

#include <linux/tcp.h>
#include <netinet/in.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <system_error>

namespace tcpdrill::runtime {
namespace {

// Offsets are the kernel ABI. The ones the build headers know are checked against them
// below; the newer ones follow the kernel's packing after tcpi_snd_wnd.
constexpr TcpInfoField kFields[] = {
    {"tcpi_state", 0, 1},
    {"tcpi_ca_state", 1, 1},
    {"tcpi_retransmits", 2, 1},
    {"tcpi_probes", 3, 1},
    {"tcpi_backoff", 4, 1},
    {"tcpi_options", 5, 1},
    {"tcpi_snd_wscale", 6, 1, 0, 4},
    {"tcpi_rcv_wscale", 6, 1, 4, 4},
    {"tcpi_delivery_rate_app_limited", 7, 1, 0, 1},
    {"tcpi_fastopen_client_fail", 7, 1, 1, 2},
    {"tcpi_rto", 8, 4},
    {"tcpi_ato", 12, 4},
    {"tcpi_snd_mss", 16, 4},
    {"tcpi_rcv_mss", 20, 4},
    {"tcpi_unacked", 24, 4},
    {"tcpi_sacked", 28, 4},
    {"tcpi_lost", 32, 4},
    {"tcpi_retrans", 36, 4},
    {"tcpi_fackets", 40, 4},
    {"tcpi_last_data_sent", 44, 4},
    {"tcpi_last_ack_sent", 48, 4},
    {"tcpi_last_data_recv", 52, 4},
    {"tcpi_last_ack_recv", 56, 4},
    {"tcpi_pmtu", 60, 4},
    {"tcpi_rcv_ssthresh", 64, 4},
    {"tcpi_rtt", 68, 4},
    {"tcpi_rttvar", 72, 4},
    {"tcpi_snd_ssthresh", 76, 4},
    {"tcpi_snd_cwnd", 80, 4},
    {"tcpi_advmss", 84, 4},
    {"tcpi_reordering", 88, 4},
    {"tcpi_rcv_rtt", 92, 4},
    {"tcpi_rcv_space", 96, 4},
    {"tcpi_total_retrans", 100, 4},
    {"tcpi_pacing_rate", 104, 8},
    {"tcpi_max_pacing_rate", 112, 8},
    {"tcpi_bytes_acked", 120, 8},
    {"tcpi_bytes_received", 128, 8},
    {"tcpi_segs_out", 136, 4},
    {"tcpi_segs_in", 140, 4},
    {"tcpi_notsent_bytes", 144, 4},
    {"tcpi_min_rtt", 148, 4},
    {"tcpi_data_segs_in", 152, 4},
    {"tcpi_data_segs_out", 156, 4},
    {"tcpi_delivery_rate", 160, 8},
    {"tcpi_busy_time", 168, 8},
    {"tcpi_rwnd_limited", 176, 8},
    {"tcpi_sndbuf_limited", 184, 8},
    {"tcpi_delivered", 192, 4},
    {"tcpi_delivered_ce", 196, 4},
    {"tcpi_bytes_sent", 200, 8},
    {"tcpi_bytes_retrans", 208, 8},
    {"tcpi_dsack_dups", 216, 4},
    {"tcpi_reord_seen", 220, 4},
    {"tcpi_rcv_ooopack", 224, 4},
    {"tcpi_snd_wnd", 228, 4},
    {"tcpi_rcv_wnd", 232, 4},
    {"tcpi_rehash", 236, 4},
    {"tcpi_total_rto", 240, 2},
    {"tcpi_total_rto_recoveries", 242, 2},
    {"tcpi_total_rto_time", 244, 4},
    {"tcpi_received_ce", 248, 4},
    {"tcpi_delivered_e1_bytes", 252, 4},
    {"tcpi_delivered_e0_bytes", 256, 4},
    {"tcpi_delivered_ce_bytes", 260, 4},
    {"tcpi_received_e1_bytes", 264, 4},
    {"tcpi_received_e0_bytes", 268, 4},
    {"tcpi_received_ce_bytes", 272, 4},
    {"tcpi_ecn_mode", 276, 4, 0, 2},
    {"tcpi_accecn_opt_seen", 276, 4, 2, 2},
    {"tcpi_accecn_fail_mode", 276, 4, 4, 4},
    {"tcpi_options2", 276, 4, 8, 24},
};

static_assert(offsetof(tcp_info, tcpi_rto) == 8);
static_assert(offsetof(tcp_info, tcpi_total_retrans) == 100);
static_assert(offsetof(tcp_info, tcpi_pacing_rate) == 104);
static_assert(offsetof(tcp_info, tcpi_delivery_rate) == 160);
static_assert(offsetof(tcp_info, tcpi_bytes_sent) == 200);
static_assert(offsetof(tcp_info, tcpi_snd_wnd) == 228);

// The values of <netinet/tcp.h>'s enums and the TCPI_OPT_* bits, spelled out because
// glibc and the UAPI headers do not both define all of them in every version.
constexpr NamedConstant kConstants[] = {
    {"TCP_ESTABLISHED", 1}, {"TCP_SYN_SENT", 2},   {"TCP_SYN_RECV", 3},
    {"TCP_FIN_WAIT1", 4},   {"TCP_FIN_WAIT2", 5},  {"TCP_TIME_WAIT", 6},
    {"TCP_CLOSE", 7},       {"TCP_CLOSE_WAIT", 8}, {"TCP_LAST_ACK", 9},
    {"TCP_LISTEN", 10},     {"TCP_CLOSING", 11},
    {"TCP_CA_Open", 0},     {"TCP_CA_Disorder", 1}, {"TCP_CA_CWR", 2},
    {"TCP_CA_Recovery", 3}, {"TCP_CA_Loss", 4},
    {"TCPI_OPT_TIMESTAMPS", 1}, {"TCPI_OPT_SACK", 2},     {"TCPI_OPT_WSCALE", 4},
    {"TCPI_OPT_ECN", 8},        {"TCPI_OPT_ECN_SEEN", 16}, {"TCPI_OPT_SYN_DATA", 32},
    {"TCPI_OPT_USEC_TS", 64},   {"TCPI_OPT_TFO_CHILD", 128},
};
static_assert(TCP_CA_Loss == 4 && TCPI_OPT_SYN_DATA == 32);

}  // namespace

std::span<const TcpInfoField> tcp_info_fields() { return kFields; }

const TcpInfoField* find_tcp_info_field(std::string_view name) {
  const auto* it = std::find_if(std::begin(kFields), std::end(kFields),
                                [&](const TcpInfoField& f) { return f.name == name; });
  return it == std::end(kFields) ? nullptr : it;
}

std::span<const NamedConstant> tcp_info_constants() { return kConstants; }

std::optional<int64_t> find_tcp_info_constant(std::string_view name) {
  for (const NamedConstant& constant : kConstants)
    if (constant.name == name) return constant.value;
  return std::nullopt;
}

TcpInfoSnapshot TcpInfoSnapshot::read(int live_fd) {
  TcpInfoSnapshot snapshot;
  snapshot.length_ = sizeof snapshot.bytes_;
  if (getsockopt(live_fd, IPPROTO_TCP, TCP_INFO, snapshot.bytes_.data(), &snapshot.length_) != 0)
    throw std::system_error(errno, std::generic_category(), "getsockopt(TCP_INFO)");
  return snapshot;
}

TcpInfoSnapshot TcpInfoSnapshot::from_bytes(std::span<const uint8_t> bytes) {
  TcpInfoSnapshot snapshot;
  snapshot.length_ = static_cast<socklen_t>(std::min(bytes.size(), snapshot.bytes_.size()));
  std::memcpy(snapshot.bytes_.data(), bytes.data(), snapshot.length_);
  return snapshot;
}

std::optional<uint64_t> TcpInfoSnapshot::value(const TcpInfoField& field) const {
  if (field.offset + field.size > length_) return std::nullopt;
  uint64_t unit = 0;
  switch (field.size) {
    case 1: unit = bytes_[field.offset]; break;
    case 2: { uint16_t v; std::memcpy(&v, &bytes_[field.offset], 2); unit = v; break; }
    case 4: { uint32_t v; std::memcpy(&v, &bytes_[field.offset], 4); unit = v; break; }
    default: std::memcpy(&unit, &bytes_[field.offset], 8); break;
  }
  if (field.bit_width == 0) return unit;
  return (unit >> field.bit_shift) & ((uint64_t{1} << field.bit_width) - 1);
}

std::optional<uint64_t> TcpInfoSnapshot::value(std::string_view name) const {
  const TcpInfoField* field = find_tcp_info_field(name);
  if (field == nullptr) return std::nullopt;
  return value(*field);
}

}  // namespace tcpdrill::runtime
