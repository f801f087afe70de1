#include "cli/run_option_table.h"

#include <charconv>
#include <functional>
#include <sstream>

namespace tcpdrill::cli {
namespace {

using runtime::RunConfig;
using Setter = std::function<void(RunConfig&, const std::string&)>;

struct OptionEntry {
  OptionSpec spec;
  Setter apply;
};

[[noreturn]] void bad_value(const std::string& name, const std::string& value) {
  throw OptionError("bad --" + name + ": " + value);
}

template <typename Integer>
Integer parse_integer(const std::string& name, const std::string& text, Integer min, Integer max) {
  Integer value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max) bad_value(name, text);
  return value;
}

double parse_percent(const std::string& name, const std::string& text) {
  std::istringstream in(text);
  double value = 0;
  if (!(in >> value) || !in.eof() || value < 0 || value > 100) bad_value(name, text);
  return value;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

Setter flag(bool RunConfig::*member) {
  return [member](RunConfig& config, const std::string&) { config.*member = true; };
}

Setter text(std::string RunConfig::*member) {
  return [member](RunConfig& config, const std::string& value) { config.*member = value; };
}

Setter port(uint16_t RunConfig::*member, const char* name) {
  return [member, name](RunConfig& config, const std::string& value) {
    config.*member = parse_integer<uint16_t>(name, value, 1, 65535);
  };
}

// Flags of packetdrill's wire and shared-object modes: tcpdrill runs scripts against
// the local kernel only, so accepting them silently would run a different test.
Setter unsupported(const char* name, const char* why) {
  return [name, why](RunConfig&, const std::string&) {
    throw OptionError(std::string("--") + name + " is not supported by tcpdrill: " + why);
  };
}

void apply_ip_version(RunConfig& config, const std::string& value) {
  if (value == "ipv4") {
    config.ip_version = runtime::IpVersion::Ipv4;
  } else if (value == "ipv6") {
    config.ip_version = runtime::IpVersion::Ipv6;
  } else if (value == "ipv4-mapped-ipv6") {
    config.ip_version = runtime::IpVersion::Ipv4MappedIpv6;
  } else {
    bad_value("ip_version", value);
  }
}

void apply_define(RunConfig& config, const std::string& value) {
  const auto equals = value.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw OptionError("bad definition, expected NAME=value: " + value);
  }
  config.defines[value.substr(0, equals)] = value.substr(equals + 1);
}

void apply_non_fatal(RunConfig& config, const std::string& value) {
  for (const auto& kind : split_commas(value)) {
    if (kind == "packet") {
      config.non_fatal_packet = true;
    } else if (kind != "syscall") {  // packetdrill accepts `syscall` and ignores it
      bad_value("non_fatal", value);
    }
  }
}

void apply_offload(RunConfig& config, const std::string& value) {
  if (value == "tso") {
    config.offload_tso = true;
  } else if (value == "none") {
    config.offload_tso = false;
  } else {
    bad_value("offload", value);
  }
}

void apply_kernel_version(RunConfig& config, const std::string& value) {
  ast::KernelVersion version;
  char dot1 = 0, dot2 = 0;
  std::istringstream in(value);
  if (!(in >> version.major >> dot1 >> version.minor) || dot1 != '.') bad_value("kernel-version", value);
  if (in >> dot2) {
    if (dot2 != '.' || !(in >> version.patch) || !in.eof()) bad_value("kernel-version", value);
  }
  config.kernel_version = version;
}

const std::vector<OptionEntry>& option_entries() {
  static const std::vector<OptionEntry> entries = {
      {{"ip_version", true, "ipv4|ipv4-mapped-ipv6|ipv6", "address family of the test"},
       apply_ip_version},
      {{"bind_port", true, "PORT", "local port for bind(fd, ..., ...) (default 8080)"},
       port(&RunConfig::bind_port, "bind_port")},
      {{"connect_port", true, "PORT", "remote port for connect() and sendto() (default 8080)"},
       port(&RunConfig::connect_port, "connect_port")},
      {{"local_ip", true, "ADDR", "address of tun0"}, text(&RunConfig::local_ip)},
      {{"remote_ip", true, "ADDR[/PREFIX]", "address of the scripted peer"},
       text(&RunConfig::remote_ip)},
      {{"gateway_ip", true, "ADDR", "next hop of the route to the peer"},
       text(&RunConfig::gateway_ip)},
      {{"netmask_ip", true, "MASK", "IPv4 netmask of tun0"}, text(&RunConfig::netmask_ip)},
      {{"mtu", true, "BYTES", "MTU of tun0 (default 1500)"},
       [](RunConfig& c, const std::string& v) {
         c.mtu = parse_integer<uint32_t>("mtu", v, 68, 65535);
       }},
      {{"mss", true, "BYTES", "inject inbound TCP as GRO super-packets of this MSS"},
       [](RunConfig& c, const std::string& v) {
         c.gro_mss = parse_integer<uint32_t>("mss", v, 1, 65535);
       }},
      {{"init_scripts", true, "CMD[,CMD...]", "commands run before the test network exists"},
       [](RunConfig& c, const std::string& v) { c.init_scripts = split_commas(v); }},
      {{"tolerance_usecs", true, "USECS", "absolute timing tolerance (default 4000)"},
       [](RunConfig& c, const std::string& v) {
         c.tolerance_usecs = parse_integer<int64_t>("tolerance_usecs", v, 1, INT64_MAX / 2);
       }},
      {{"tolerance_percent", true, "PERCENT",
        "timing tolerance relative to the gap since the previous event (default 12.5)"},
       [](RunConfig& c, const std::string& v) {
         c.tolerance_percent = parse_percent("tolerance_percent", v);
       }},
      {{"tcp_ts_ecr_scaled", false, "", "infer unmapped inbound TS ecr from the first TS val"},
       flag(&RunConfig::tcp_ts_ecr_scaled)},
      {{"tcp_ts_tick_usecs", true, "USECS", "check outbound TS val at this tick (0: off)"},
       [](RunConfig& c, const std::string& v) {
         c.tcp_ts_tick_usecs = parse_integer<uint32_t>("tcp_ts_tick_usecs", v, 0, 1000000);
       }},
      {{"strict_segments", false, "", "never merge outbound segments to match a larger one"},
       flag(&RunConfig::strict_segments)},
      {{"strict-segments", false, "", "same as --strict_segments"},
       flag(&RunConfig::strict_segments)},
      {{"offload", true, "none|tso", "TSO and checksum offload on tun0 (default none; tso when invoked as packetdrill)"},
       apply_offload},
      {{"non_fatal", true, "packet[,syscall]", "report packet mismatches as warnings"},
       apply_non_fatal},
      {{"send_omit_free", false, "", "keep send buffers alive until the end (MSG_ZEROCOPY)"},
       flag(&RunConfig::send_omit_free)},
      {{"is_anyip", false, "", "AnyIP: the local address is on no interface, a local route covers its prefix"},
       flag(&RunConfig::is_anyip)},
      {{"dry_run", false, "", "parse and check the script, do not run it"},
       flag(&RunConfig::dry_run)},
      {{"code_command", true, "CMD", "interpreter for %{ }% blocks (default python3)"},
       text(&RunConfig::code_command)},
      {{"code_format", true, "python", "format of %{ }% blocks; only python"},
       [](RunConfig&, const std::string& v) {
         if (v != "python") throw OptionError("unsupported --code_format: " + v);
       }},
      {{"code_sockopt", true, "TCP_INFO|TCP_CC_INFO|SO_MEMINFO",
        "accepted for compatibility; every block sees all three"},
       [](RunConfig&, const std::string& v) {
         if (!v.empty() && v != "TCP_INFO" && v != "TCP_CC_INFO" && v != "SO_MEMINFO") {
           bad_value("code_sockopt", v);
         }
       }},
      {{"capture", true, "FILE", "write every injected and sniffed packet to a pcap file"},
       [](RunConfig& c, const std::string& v) { c.capture_path = v; }},
      {{"trace-state", true, "FILE.csv",
        "write the state timeline: TCP_INFO of every TCP socket after each event and at each packet"},
       [](RunConfig& c, const std::string& v) { c.trace_state_path = v; }},
      {{"plot", true, "FILE.svg", "draw the run: time-sequence diagram above cwnd, ssthresh, reordering"},
       [](RunConfig& c, const std::string& v) { c.plot_path = v; }},
      {{"no-state-sampling", false, "", "take no TCP_INFO samples (timelines and failure reports without state)"},
       [](RunConfig& c, const std::string&) { c.sample_state = false; }},
      {{"kernel-version", true, "X.Y[.Z]", "kernel version for @if guards (default: uname)"},
       apply_kernel_version},
      {{"define", true, "NAME=VALUE", "substitute VALUE for the word NAME"},
       apply_define},
      {{"verbose", false, "", "print every event as it happens"},
       [](RunConfig& c, const std::string&) { ++c.verbose; }},
      {{"debug", false, "", "print internal tracing (implies --verbose)"},
       [](RunConfig& c, const std::string&) { c.verbose += 2; }},
      {{"speed", true, "MBPS", "packetdrill's tun speed flag"},
       unsupported("speed", "it needs a patched tun driver")},
      {{"wire_client", false, "", "packetdrill's wire mode"},
       unsupported("wire_client", "scripts run against the local kernel only")},
      {{"wire_server", false, "", "packetdrill's wire mode"},
       unsupported("wire_server", "scripts run against the local kernel only")},
      {{"wire_server_ip", true, "ADDR", "packetdrill's wire mode"},
       unsupported("wire_server_ip", "scripts run against the local kernel only")},
      {{"wire_server_at", true, "HOST", "packetdrill's wire mode"},
       unsupported("wire_server_at", "scripts run against the local kernel only")},
      {{"wire_server_port", true, "PORT", "packetdrill's wire mode"},
       unsupported("wire_server_port", "scripts run against the local kernel only")},
      {{"wire_client_dev", true, "DEV", "packetdrill's wire mode"},
       unsupported("wire_client_dev", "scripts run against the local kernel only")},
      {{"wire_server_dev", true, "DEV", "packetdrill's wire mode"},
       unsupported("wire_server_dev", "scripts run against the local kernel only")},
      {{"so_filename", true, "PATH", "packetdrill's shared-object stack mode"},
       unsupported("so_filename", "a static tcpdrill cannot load shared objects")},
      {{"so_flags", true, "FLAGS", "packetdrill's shared-object stack mode"},
       unsupported("so_flags", "a static tcpdrill cannot load shared objects")},
      {{"psp_udp_port", true, "PORT", "packetdrill's PSP encapsulation"},
       unsupported("psp_udp_port", "PSP needs packetdrill's wire mode")},
  };
  return entries;
}

const OptionEntry* find_entry(const std::string& name) {
  for (const auto& entry : option_entries()) {
    if (entry.spec.name == name) return &entry;
  }
  return nullptr;
}

}  // namespace

const std::vector<OptionSpec>& run_option_specs() {
  static const std::vector<OptionSpec> specs = [] {
    std::vector<OptionSpec> result;
    for (const auto& entry : option_entries()) result.push_back(entry.spec);
    return result;
  }();
  return specs;
}

void apply_run_option(RunConfig& config, const std::string& name,
                      const std::optional<std::string>& value) {
  const OptionEntry* entry = find_entry(name);
  if (entry == nullptr) throw OptionError("option '" + name + "' unknown");
  if (entry->spec.takes_value && !value) {
    throw OptionError("option '" + name + "' requires an argument");
  }
  if (!entry->spec.takes_value && value) {
    throw OptionError("option '" + name + "' forbids an argument");
  }
  entry->apply(config, value.value_or(""));
}

}  // namespace tcpdrill::cli
