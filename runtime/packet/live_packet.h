#pragma once

#include "codec/packet_codec.h"
#include "parser/ast_packet.h"

namespace tcpdrill::runtime::packet {

// A packet ready to inject: every TCP number is live, and `endpoints` is the live
// inbound tuple (ports written in the script already take precedence inside
// `packet`). The engine passes both to codec::encode_packet.
struct LivePacket {
  ast::Packet packet;
  codec::Endpoints endpoints;
};

}  // namespace tcpdrill::runtime::packet
