#pragma once

#include <cstdint>
#include <span>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {

inline constexpr size_t kIcmpHeaderBytes = 8;
inline constexpr size_t kIcmpChecksumOffset = 2;

// The ICMPv4 or ICMPv6 message (family of endpoints.source) with a zero checksum,
// filled in by the caller. An error quote is an IP header plus the first 8 bytes of
// the TCP or UDP header of a packet the kernel sent, so its addresses and ports are
// the reverse of `endpoints`. Throws CodecError on unknown names, an mtu the type
// has no room for, or `[raw (N)]` shorter than the 8-byte header.
Bytes encode_icmp_message(const ast::IcmpMessage& message, const Endpoints& endpoints);

struct DecodedIcmpMessage {
  ast::IcmpMessage message;
  uint8_t type = 0, code = 0;
};

// Reads an ICMP message of the family. A body that starts like an IP header of the
// family quoting TCP or UDP reads back as that quote (an empty quote at sequence 0 as
// the default one); any other body as `[raw (N)]`.
DecodedIcmpMessage decode_icmp_message(IpFamily family, std::span<const uint8_t> bytes);

}  // namespace tcpdrill::codec
