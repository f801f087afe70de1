#pragma once

#include <functional>
#include <string>

#include "parser/ast_packet.h"

namespace tcpdrill::runtime::packet {

// Renders a packet in script notation for error messages. Production code passes
// codec::format_packet; taking it as a value keeps the matching logic usable (and
// testable) without linking the codec's formatter.
using PacketFormatter = std::function<std::string(const ast::Packet&)>;

}  // namespace tcpdrill::runtime::packet
