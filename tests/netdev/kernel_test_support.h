#pragma once

// Helpers for tests that run against the real kernel. Each such test runs its body with
// run_in_scratch_namespace(): a forked child in a fresh network namespace, so neither
// the test process nor the host is touched, and asserts in the parent on what the child
// reports back (text or JSON).

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "netdev/host_network.h"
#include "netdev/tun_device.h"
#include "netdev/unique_fd.h"
#include "test_configs.h"
#include "test_packets.h"

namespace tcpdrill::netdev::test {

// Why this host cannot run kernel tests (not root, no /dev/net/tun), or nullopt.
std::optional<std::string> kernel_skip_reason();

#define SKIP_WITHOUT_KERNEL()                                         \
  do {                                                                \
    if (auto reason = ::tcpdrill::netdev::test::kernel_skip_reason()) \
      GTEST_SKIP() << *reason;                                        \
  } while (0)

// The stdout of a shell command; throws std::runtime_error when it fails.
std::string command_output(const std::string& command);
// `ip -j ARGS`, parsed.
nlohmann::json ip_json(const std::string& arguments);

// The next TCP packet out of tun (other packets are skipped), or throws on timeout.
ParsedPacket next_tcp_packet(TunDevice& tun, std::chrono::milliseconds timeout = std::chrono::seconds(2));

// A local TCP socket connected to 192.0.2.1:8080 by a handshake we play on the TUN.
struct TunConnection {
  UniqueFd socket;
  TcpSegment template_segment;  // remote -> local addresses and ports, next remote seq, ack
};
TunConnection connect_through_tun(TunDevice& tun, uint16_t mss);

}  // namespace tcpdrill::netdev::test
