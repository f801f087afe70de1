#pragma once

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tcpdrill::runtime {

// One field of the kernel's struct tcp_info (UAPI layout of Linux 6.18, a superset of
// the <linux/tcp.h> tcpdrill may be built with, so newer fields work on older headers).
struct TcpInfoField {
  std::string_view name;  // "tcpi_snd_cwnd"
  uint16_t offset = 0;    // bytes
  uint8_t size = 0;       // bytes of the storage unit: 1, 2, 4 or 8
  uint8_t bit_shift = 0;  // bit-fields: position and width inside the unit
  uint8_t bit_width = 0;  // 0: the whole unit
};

// Every field, in the kernel's order.
std::span<const TcpInfoField> tcp_info_fields();
const TcpInfoField* find_tcp_info_field(std::string_view name);

// The names scripts compare tcp_info values with: TCP_ESTABLISHED ... TCP_CLOSING,
// TCP_CA_Open ... TCP_CA_Loss, TCPI_OPT_*.
struct NamedConstant {
  std::string_view name;
  int64_t value = 0;
};
std::span<const NamedConstant> tcp_info_constants();
std::optional<int64_t> find_tcp_info_constant(std::string_view name);

// getsockopt(TCP_INFO) of one socket at one moment. A field beyond what the running
// kernel returned has no value.
class TcpInfoSnapshot {
 public:
  // Throws std::system_error when getsockopt fails.
  static TcpInfoSnapshot read(int live_fd);
  // For tests: a snapshot of raw bytes.
  static TcpInfoSnapshot from_bytes(std::span<const uint8_t> bytes);

  std::optional<uint64_t> value(const TcpInfoField& field) const;
  std::optional<uint64_t> value(std::string_view name) const;

 private:
  std::array<uint8_t, 512> bytes_{};
  socklen_t length_ = 0;
};

}  // namespace tcpdrill::runtime
