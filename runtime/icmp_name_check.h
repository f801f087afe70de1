#pragma once

#include <string>
#include <vector>

#include "parser/ast_event.h"
#include "runtime/run_config.h"

namespace tcpdrill::runtime {

// packetdrill turns ICMP type and code names into numbers while it parses, for the
// run's wire family (IPv4 for ipv4-mapped-ipv6), so a name that family lacks
// (`host_unreachable` under ICMPv6) fails the script before anything runs. Throws
// ScriptError at the first such packet event.
void check_icmp_names(const std::vector<const ast::Event*>& events, const std::string& script_path,
                      IpVersion ip_version);

}  // namespace tcpdrill::runtime
