#pragma once

#include <cstdint>
#include <span>

#include "parser/ast_packet.h"

namespace tcpdrill::runtime {

// Sees every packet that crosses the packet device, in the order the device puts them
// in its capture: injected ones (Inbound) right after the kernel took them, sniffed
// ones (Outbound) as they are read. Called on the event loop's and the sniffer's
// threads, never two calls at once.
class PacketTap {
 public:
  virtual ~PacketTap() = default;
  virtual void on_packet(ast::Direction direction, std::span<const uint8_t> ip_packet,
                         int64_t clock_usecs) = 0;
};

}  // namespace tcpdrill::runtime
