#include "runtime/congestion_info.h"

#include <linux/inet_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstring>

namespace tcpdrill::runtime {
namespace {

template <typename Info>
bool fits(const CongestionInfo& congestion) {
  static_assert(sizeof(Info) <= sizeof(CongestionInfo::info));
  return congestion.info_length >= sizeof(Info);
}

template <typename Info>
Info as(const CongestionInfo& congestion) {
  Info info;
  std::memcpy(&info, congestion.info.data(), sizeof info);
  return info;
}

std::string pair(const char* name, uint64_t value) { return std::string(name) + "=" + std::to_string(value); }

}  // namespace

std::string CongestionInfo::algorithm() const {
  return std::string(name.data(), strnlen(name.data(), name.size()));
}

std::string CongestionInfo::details() const {
  const std::string algorithm_name = algorithm();
  if (algorithm_name == "dctcp" && fits<tcp_dctcp_info>(*this)) {
    const auto dctcp = as<tcp_dctcp_info>(*this);
    return pair("alpha", dctcp.dctcp_alpha) + " " + pair("ab_ecn", dctcp.dctcp_ab_ecn) + " " +
           pair("ab_tot", dctcp.dctcp_ab_tot) + " " + pair("ce_state", dctcp.dctcp_ce_state);
  }
  if (algorithm_name == "bbr" && fits<tcp_bbr_info>(*this)) {
    const auto bbr = as<tcp_bbr_info>(*this);
    const uint64_t bandwidth = (uint64_t{bbr.bbr_bw_hi} << 32) | bbr.bbr_bw_lo;
    return pair("bw", bandwidth) + " " + pair("min_rtt", bbr.bbr_min_rtt) + " " +
           pair("pacing_gain", bbr.bbr_pacing_gain) + " " + pair("cwnd_gain", bbr.bbr_cwnd_gain);
  }
  if (fits<tcpvegas_info>(*this)) {  // Vegas's layout, which other algorithms reuse
    const auto vegas = as<tcpvegas_info>(*this);
    return pair("enabled", vegas.tcpv_enabled) + " " + pair("rttcnt", vegas.tcpv_rttcnt) + " " +
           pair("rtt", vegas.tcpv_rtt) + " " + pair("minrtt", vegas.tcpv_minrtt);
  }
  return "";
}

CongestionInfo read_congestion_name(int live_fd) {
  CongestionInfo congestion;
  socklen_t length = sizeof congestion.name - 1;
  if (getsockopt(live_fd, IPPROTO_TCP, TCP_CONGESTION, congestion.name.data(), &length) != 0)
    congestion.name.fill(0);
  return congestion;
}

void read_congestion_report(int live_fd, CongestionInfo& congestion) {
  socklen_t length = sizeof congestion.info;
  if (getsockopt(live_fd, IPPROTO_TCP, TCP_CC_INFO, congestion.info.data(), &length) == 0)
    congestion.info_length = static_cast<uint8_t>(length);
}

}  // namespace tcpdrill::runtime
