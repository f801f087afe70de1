// `tcpdrill --dry_run`, as packetdrill's: the script is parsed and checked for the run's
// configuration, nothing runs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tcpdrill_process.h"

namespace tcpdrill::testing {
namespace {

// An ICMPv4-only code name at line 3, whose family only the run's IP version decides.
std::string write_icmp_script() {
  const std::string path = std::filesystem::temp_directory_path() /
                           ("tcpdrill_dry_run_" + std::to_string(getpid()) + ".pkt");
  std::ofstream(path) << "0 socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3\n"
                         "+0 bind(3, ..., ...) = 0\n"
                         "+0 < icmp unreachable host_unreachable\n";
  return path;
}

TEST(DryRun, ChecksIcmpNamesForTheRunsAddressFamily) {
  const std::string script = write_icmp_script();
  const ProcessOutcome ipv4 = run_tcpdrill({"--dry_run", "--ip_version=ipv4", script});
  const ProcessOutcome ipv6 = run_tcpdrill({"--dry_run", "--ip_version=ipv6", script});
  std::filesystem::remove(script);
  EXPECT_EQ(ipv4.exit_code, 0) << ipv4.err;
  EXPECT_EQ(ipv6.exit_code, 1);
  EXPECT_NE(ipv6.err.find(script + ":3:1: error: bad ICMPv6 code 'host_unreachable'"), std::string::npos)
      << ipv6.err;
}

}  // namespace
}  // namespace tcpdrill::testing
