#pragma once

#include <functional>
#include <string>

#include "netdev/network_namespace.h"

namespace tcpdrill::netdev {

struct ScratchOutcome {
  bool ok = false;
  std::string text;  // what the body returned, or why it failed
};

// Runs body in a forked child that first enters a fresh NetworkNamespace (body gets it),
// and brings
// back what it returned or the message of what it threw. For trying things the host
// must not see (preflight probes, tests): whatever the body creates dies with the child.
// Uses fork(), so call it while the process has a single thread.
ScratchOutcome run_in_scratch_namespace(const std::function<std::string(const NetworkNamespace&)>& body);

}  // namespace tcpdrill::netdev
