#pragma once

#include <optional>
#include <string>

#include "netdev/ip_prefix.h"

namespace tcpdrill::netdev {

// The interface that has `address` assigned in the calling thread's network namespace,
// or nullopt when none has. Throws NetdevError when the interfaces cannot be listed.
std::optional<std::string> interface_with_address(const IpAddress& address);

}  // namespace tcpdrill::netdev
