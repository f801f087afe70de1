#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "parser/ast_event.h"
#include "runtime/run_config.h"

namespace tcpdrill::runtime {

// Runs one parsed script against the running kernel: a fresh private network namespace
// with tun0 configured from `config`, the events selected for the running kernel (or
// config.kernel_version), executed in real time, then cleanup (cleanup command, Python
// code, fds closed, RSTs for open connections, namespace and TUN destroyed).
//
// Must be called from a process that may leave its network namespace for good: the
// calling thread (and its children) move into the new namespace. The CLI runs one
// script per process, the tests fork first.
//
// `log` receives the -v trace and non-fatal warnings (--non_fatal=packet).
// Throws ScriptError (file, line, column, multi-line message) on the first failure;
// the message never repeats the "file:line:col: error:" prefix, format_diagnostic adds it.
void run_script(const ast::Script& script, const RunConfig& config, std::ostream& log);

// What packetdrill checks while it parses and tcpdrill only once the run's configuration
// is known: every ICMP type and code name of the events that would run exists for the
// run's address family. Throws ScriptError at the first bad one. run_script() checks it
// before anything runs; the command line checks it before it looks at the host too, as a
// parse error comes first under packetdrill, and for --dry_run.
void check_script_for_run(const ast::Script& script, const RunConfig& config);

// What `script` needs that this host lacks, on a host that can run scripts at all
// (netdev::Preflight::check_host), each a one-line human-readable sentence: a
// congestion control the script selects (TCP_CONGESTION setsockopt or a command writing
// tcp_congestion_control) that the kernel does not offer, a qdisc kind a command
// attaches (`tc qdisc ... root KIND`) that the kernel lacks. Empty: all met.
std::vector<std::string> unmet_requirements(const ast::Script& script, const RunConfig& config);

}  // namespace tcpdrill::runtime
