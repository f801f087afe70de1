#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/packet_codec.h"
#include "parser/ast_packet.h"
#include "runtime/packet/connection_state.h"
#include "runtime/packet/live_packet.h"
#include "runtime/run_config.h"

namespace tcpdrill::runtime::packet::test {

codec::IpAddress ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
codec::IpAddress ipv6(uint16_t first_group, uint16_t last_group);

// packetdrill flag letters: "S.", "P.", "F.", "R", "." (ECN letters E, W, A too).
ast::TcpFlags flags(const std::string& letters);

// A script TCP segment; `ack` and `window` are written only when given.
ast::Packet script_tcp(ast::Direction direction, const std::string& flag_letters, uint32_t start,
                       uint32_t length, std::optional<uint32_t> ack = std::nullopt,
                       std::optional<uint16_t> window = std::nullopt,
                       std::vector<ast::TcpOption> options = {});

// What the codec would decode from a kernel TCP packet between the two endpoints,
// every wire field consistent with the AST view (IPv4 or IPv6 after the addresses).
codec::DecodedPacket live_tcp(const Endpoint& from, const Endpoint& to,
                              const std::string& flag_letters, uint32_t seq, uint32_t length,
                              std::optional<uint32_t> ack, uint16_t window,
                              std::vector<ast::TcpOption> options = {});

codec::DecodedPacket live_udp(const Endpoint& from, const Endpoint& to, uint32_t length);

// Renders packets shortly and predictably: "<flags> <start>:<end>(<len>) ack <n> <opts>",
// options as `mss N`, `wscale N`, `TS val V ecr E` or `kind K`.
std::string stub_format(const ast::Packet& packet);

// The passive connection of most tests: 192.168.0.1:8080 (kernel) and
// 192.0.2.1:40000 (tcpdrill), after the script's inbound SYN with ISN `remote_isn`.
inline const codec::IpAddress kLocalIp = ipv4(192, 168, 0, 1);
inline const codec::IpAddress kRemoteIp = ipv4(192, 0, 2, 1);
inline const Endpoint kLocal{kLocalIp, 8080};
inline const Endpoint kRemote{kRemoteIp, 40000};

ConnectionState passive_connection(uint32_t remote_isn = 0);

// The kernel's ISN in the tests: script ISN 0 maps to it.
inline constexpr uint32_t kLiveIsn = 3000000000u;

// passive_connection() after the handshake: local ISN 0 in the script, kLiveIsn live.
ConnectionState established_connection(uint32_t remote_isn = 0);

const ast::TcpSegment& tcp_of(const codec::DecodedPacket& packet);
const ast::TcpSegment& tcp_of(const LivePacket& packet);

}  // namespace tcpdrill::runtime::packet::test
