#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/packet/packet_error.h"

namespace tcpdrill::runtime::packet {

// One compared field that differs, in packetdrill's names (tcp_ack_seq, tcp_window,
// ipv4_total_length, ip_ecn ...). Values are as the message shows them: numbers in
// decimal, option and payload descriptions in script notation.
struct FieldMismatch {
  std::string field;
  std::string expected;
  std::string actual;
  friend bool operator==(const FieldMismatch&, const FieldMismatch&) = default;
};

// The outcome of comparing one outbound script packet with the (aggregated) live
// packet: every difference found, not only the first.
struct MatchResult {
  std::vector<FieldMismatch> mismatches;
  // Differences that are not one field: "bad outbound TCP options", "bad value in
  // outbound TCP option (kind=3): expected: wscale 8 actual: wscale 10",
  // "incorrect outbound data payload", flow label rules, "bad outbound IP checksum".
  std::vector<std::string> problems;
  // A bad IPv4 header checksum: fatal even with --non_fatal=packet.
  bool fatal = false;

  // Both packets in script notation (seq/ack/TS val of the actual one in script space).
  std::string script_dump;
  std::string actual_dump;

  bool matched() const { return mismatches.empty() && problems.empty(); }

  // Records `field` when the two values differ.
  void check(std::string_view field, uint64_t expected, uint64_t actual);

  // One line per difference, fields first:
  //   live packet field tcp_window: expected: 100 (0x64) vs actual: 63 (0x3f)
  // then the problems. No dumps (the engine prints them with the event times).
  std::string describe() const;
};

// A failed comparison as an exception, for callers that do not continue past it
// (everything but --non_fatal=packet). what() is describe().
class PacketMismatch : public PacketError {
 public:
  explicit PacketMismatch(MatchResult result);
  const MatchResult& result() const { return result_; }

 private:
  MatchResult result_;
};

}  // namespace tcpdrill::runtime::packet
