#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parser/ast_event.h"
#include "parser/script_parser.h"

namespace tcpdrill::runtime {

enum class IpVersion : uint8_t { Ipv4, Ipv4MappedIpv6, Ipv6 };

// Everything that steers one run of one script. Filled from the script's own option
// lines first, then from the command line, which wins (packetdrill's order).
// Empty addresses mean "the default for the IP version".
struct RunConfig {
  IpVersion ip_version = IpVersion::Ipv4;
  std::string local_ip;
  std::string remote_ip;   // may carry a /prefix
  std::string gateway_ip;
  std::string netmask_ip;  // IPv4 only
  uint16_t bind_port = 8080;
  uint16_t connect_port = 8080;
  uint32_t mtu = 1500;
  uint32_t gro_mss = 0;    // --mss: inject inbound TCP as GRO super-packets

  int64_t tolerance_usecs = 4000;
  double tolerance_percent = 12.5;
  uint32_t tcp_ts_tick_usecs = 0;  // 0: outbound TS val not checked
  bool tcp_ts_ecr_scaled = false;

  bool strict_segments = false;
  bool offload_tso = false;        // --offload=tso: TSO/checksum offload like packetdrill
  // How long the run keeps its CPU busy before script time 0. Only one CPU advances
  // jiffies, and a jiffy timer armed on another CPU that takes the same tick first fires
  // a tick late. A CPU keeps that job while its tick runs, as it does while RCU grace
  // periods are in flight, and setting up a run (its namespace, TUN device and init
  // command) leaves some for tens of milliseconds; so right after setting up a script's
  // delayed ACK can leave 4-8 ms after the FIN instead of 0-4. packetdrill spins about
  // 100 ms before its time 0, by which they are over and its CPU has the job
  // (docs/compatibility.md, "What decides between the first and the second tick" and
  // "Why the other CPU keeps jiffies after the pause").
  int64_t time_zero_lead_usecs = 0;
  bool non_fatal_packet = false;   // --non_fatal=packet
  bool send_omit_free = false;
  bool is_anyip = false;
  bool dry_run = false;
  int verbose = 0;

  std::vector<std::string> init_scripts;
  // Where shell commands and Python code run; empty: the current directory.
  std::filesystem::path command_directory;
  std::string code_command = "python3";
  Defines defines;

  std::optional<std::string> capture_path;           // pcap of every packet of the run
  std::optional<std::string> trace_state_path;       // the state timeline as CSV
  std::optional<std::string> plot_path;              // the time-sequence picture (SVG)
  // TCP_INFO samples after events and at packets: the timeline's rows and the state
  // part of failure reports.
  bool sample_state = true;
  std::optional<ast::KernelVersion> kernel_version;  // override uname for @if kernel guards
};

}  // namespace tcpdrill::runtime
