#pragma once

#include <string>
#include <vector>

#include "netdev/preflight.h"
#include "parser/ast_event.h"

namespace tcpdrill::runtime {

// What the host must offer a script, read from the script itself: congestion controls
// it selects with setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "name", ...) or with a
// command that writes tcp_congestion_control (`sysctl -q net.ipv4.tcp_congestion_control=bbr`,
// `echo dctcp > /proc/sys/net/ipv4/tcp_congestion_control`), the qdisc kinds its
// commands attach with `tc qdisc ... root KIND`, and the optional tools its commands run
// (nft, iptables, ip6tables, conntrack), so that a host without them skips the script. Commands in files the script runs
// (defaults.sh) are not looked into. Each name once, in order of appearance.
netdev::PreflightRequest preflight_request(const ast::Script& script);

// The same for one command line, for tests and for --init_scripts.
void add_command_requirements(const std::string& command, netdev::PreflightRequest& request);

}  // namespace tcpdrill::runtime
