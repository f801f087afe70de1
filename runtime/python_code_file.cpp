#include "runtime/python_code_file.h"

#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace tcpdrill::runtime {
namespace {

// The marker the preamble prints; failed_line() looks for it.
constexpr std::string_view kErrorMarker = ": error in Python code";

std::string preamble() {
  return "import sys\n"
         "import traceback\n"
         "def _tcpdrill_excepthook(kind, value, tb):\n"
         "  sys.stderr.write('%s:%d" + std::string(kErrorMarker) + "\\n' % (_file, _line))\n"
         "  traceback.print_exception(kind, value, tb)\n"
         "sys.excepthook = _tcpdrill_excepthook\n\n";
}

void emit(std::string& out, std::string_view name, uint64_t value) {
  out.append(name).append(" = ").append(std::to_string(value)).append("\n");
}

uint32_t read_u32(const std::vector<uint8_t>& bytes, size_t offset) {
  uint32_t value = 0;
  std::memcpy(&value, &bytes[offset], 4);
  return value;
}

// TCP_CC_INFO is a union whose member depends on the congestion control; like
// packetdrill, every view that fits in the returned length is emitted.
void emit_cc_info(std::string& out, const std::vector<uint8_t>& cc) {
  if (cc.size() >= 20) {  // struct tcp_bbr_info
    const uint64_t lo = read_u32(cc, 0), hi = read_u32(cc, 4);
    emit(out, "bbr_bw_lo", lo);
    emit(out, "bbr_bw_hi", hi);
    emit(out, "bbr_bw", (hi << 32) + lo);
    emit(out, "bbr_min_rtt", read_u32(cc, 8));
    emit(out, "bbr_pacing_gain", read_u32(cc, 12));
    emit(out, "bbr_cwnd_gain", read_u32(cc, 16));
  }
  if (cc.size() >= 16) {  // struct tcp_dctcp_info, then struct tcpvegas_info
    uint16_t enabled = 0, ce_state = 0;
    std::memcpy(&enabled, &cc[0], 2);
    std::memcpy(&ce_state, &cc[2], 2);
    emit(out, "dctcp_enabled", enabled);
    emit(out, "dctcp_ce_state", ce_state);
    emit(out, "dctcp_alpha", read_u32(cc, 4));
    emit(out, "dctcp_ab_ecn", read_u32(cc, 8));
    emit(out, "dctcp_ab_tot", read_u32(cc, 12));
    emit(out, "tcpv_enabled", read_u32(cc, 0));
    emit(out, "tcpv_rttcnt", read_u32(cc, 4));
    emit(out, "tcp_rtt", read_u32(cc, 8));
    emit(out, "tcp_minrtt", read_u32(cc, 12));
  }
}

constexpr std::string_view kMemoryInfoNames[] = {
    "SK_MEMINFO_RMEM_ALLOC", "SK_MEMINFO_RCVBUF",     "SK_MEMINFO_WMEM_ALLOC",
    "SK_MEMINFO_SNDBUF",     "SK_MEMINFO_FWD_ALLOC",  "SK_MEMINFO_WMEM_QUEUED",
    "SK_MEMINFO_OPTMEM",     "SK_MEMINFO_BACKLOG",    "SK_MEMINFO_DROPS",
};

}  // namespace

CodeSnapshot CodeSnapshot::read(int live_fd) {
  CodeSnapshot snapshot{TcpInfoSnapshot::read(live_fd), {}, {}};

  snapshot.cc_info.resize(64);
  socklen_t length = static_cast<socklen_t>(snapshot.cc_info.size());
  if (getsockopt(live_fd, IPPROTO_TCP, TCP_CC_INFO, snapshot.cc_info.data(), &length) != 0)
    length = 0;  // congestion controls without info (reno) make this fail; that is fine
  snapshot.cc_info.resize(length);

  snapshot.memory_info.resize(SK_MEMINFO_VARS + 8);
  length = static_cast<socklen_t>(snapshot.memory_info.size() * sizeof(uint32_t));
  if (getsockopt(live_fd, SOL_SOCKET, SO_MEMINFO, snapshot.memory_info.data(), &length) != 0)
    throw std::system_error(errno, std::generic_category(), "getsockopt(SO_MEMINFO)");
  snapshot.memory_info.resize(length / sizeof(uint32_t));
  return snapshot;
}

void PythonCodeFile::add(SourceLocation where, const std::string& code,
                         const CodeSnapshot& snapshot) {
  if (snippets_++ == 0) text_ = preamble();
  for (const NamedConstant& constant : tcp_info_constants())
    emit(text_, constant.name, static_cast<uint64_t>(constant.value));
  for (const TcpInfoField& field : tcp_info_fields())
    if (const std::optional<uint64_t> value = snapshot.tcp_info.value(field))
      emit(text_, field.name, *value);
  emit_cc_info(text_, snapshot.cc_info);
  for (size_t i = 0; i < std::size(kMemoryInfoNames) && i < snapshot.memory_info.size(); ++i)
    emit(text_, kMemoryInfoNames[i], snapshot.memory_info[i]);

  std::string quoted_path;
  for (char c : script_path_) {
    if (c == '\\' || c == '\'') quoted_path += '\\';
    quoted_path += c;
  }
  text_ += "\n_file = '" + quoted_path + "'\n_line = " + std::to_string(where.line) + "\n" +
           code + "\n\n";
}

uint32_t PythonCodeFile::failed_line(const std::string& interpreter_stderr) {
  const size_t marker = interpreter_stderr.find(kErrorMarker);
  if (marker == std::string::npos) return 0;
  const size_t colon = interpreter_stderr.rfind(':', marker - 1);
  if (colon == std::string::npos) return 0;
  return static_cast<uint32_t>(std::strtoul(interpreter_stderr.c_str() + colon + 1, nullptr, 10));
}

}  // namespace tcpdrill::runtime
