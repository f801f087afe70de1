#pragma once

#include <span>
#include <vector>

#include "codec/ip_header_codec.h"

namespace tcpdrill::codec {

// Wraps an IP packet of `inner_family` in the script's outer headers (outermost
// first in the list): outer IPv4 / IPv6 (protocol 4, 41, 47 or 137 after what they
// carry), GRE (RFC 2784 / RFC 2890 layout: checksum and offset, key, sequence, each
// present only with its C, K, S flag; protocol from what it carries; a zero checksum
// with C set is computed), MPLS label stack entries. Throws CodecError when the
// outermost header is not IP, a GRE has the routing flag or a version, or MPLS / GRE
// carry something other than IP (GRE may also carry MPLS).
Bytes wrap_in_outer_headers(const std::vector<ast::OuterHeader>& outer_headers,
                            IpFamily inner_family, Bytes inner);

struct UnwrappedPacket {
  std::vector<ast::OuterHeader> outer_headers;
  ParsedIpHeader inner;  // the innermost IP header and its payload
};

// Peels encapsulation off an IP packet down to the innermost IP header. Throws
// CodecError on a malformed or unsupported outer header.
UnwrappedPacket unwrap_outer_headers(std::span<const uint8_t> bytes);

}  // namespace tcpdrill::codec
