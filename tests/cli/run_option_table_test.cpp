#include "cli/run_option_table.h"

#include <gtest/gtest.h>

namespace tcpdrill::cli {
namespace {

using runtime::IpVersion;
using runtime::RunConfig;

std::string error_of(const std::string& name, const std::optional<std::string>& value) {
  RunConfig config;
  try {
    apply_run_option(config, name, value);
  } catch (const OptionError& error) {
    return error.what();
  }
  return "";
}

TEST(RunOptionTable, SetsPacketdrillFlags) {
  RunConfig config;
  apply_run_option(config, "ip_version", "ipv4-mapped-ipv6");
  apply_run_option(config, "local_ip", "192.168.0.1");
  apply_run_option(config, "tolerance_usecs", "14000");
  apply_run_option(config, "tolerance_percent", "5.5");
  apply_run_option(config, "mtu", "1520");
  apply_run_option(config, "strict_segments", std::nullopt);
  apply_run_option(config, "non_fatal", "packet,syscall");
  apply_run_option(config, "define", "TFO_COOKIE=3021b9d889017eeb");
  apply_run_option(config, "init_scripts", "a.sh,b.sh");
  EXPECT_EQ(config.ip_version, IpVersion::Ipv4MappedIpv6);
  EXPECT_EQ(config.local_ip, "192.168.0.1");
  EXPECT_EQ(config.tolerance_usecs, 14000);
  EXPECT_DOUBLE_EQ(config.tolerance_percent, 5.5);
  EXPECT_EQ(config.mtu, 1520u);
  EXPECT_TRUE(config.strict_segments);
  EXPECT_TRUE(config.non_fatal_packet);
  EXPECT_EQ(config.defines.at("TFO_COOKIE"), "3021b9d889017eeb");
  EXPECT_EQ(config.init_scripts, (std::vector<std::string>{"a.sh", "b.sh"}));
}

TEST(RunOptionTable, VerboseCounts) {
  RunConfig config;
  apply_run_option(config, "verbose", std::nullopt);
  apply_run_option(config, "verbose", std::nullopt);
  EXPECT_EQ(config.verbose, 2);
}

TEST(RunOptionTable, KernelVersionOverride) {
  RunConfig config;
  apply_run_option(config, "kernel-version", "6.1.47");
  ASSERT_TRUE(config.kernel_version.has_value());
  EXPECT_EQ(*config.kernel_version, (ast::KernelVersion{6, 1, 47}));
  apply_run_option(config, "kernel-version", "5.10");
  EXPECT_EQ(*config.kernel_version, (ast::KernelVersion{5, 10, 0}));
}

TEST(RunOptionTable, OffloadChoice) {
  RunConfig config;
  apply_run_option(config, "offload", "tso");
  EXPECT_TRUE(config.offload_tso);
  apply_run_option(config, "offload", "none");
  EXPECT_FALSE(config.offload_tso);
}

TEST(RunOptionTable, RejectsBadValuesWithTheFlagName) {
  EXPECT_EQ(error_of("mtu", "x"), "bad --mtu: x");
  EXPECT_EQ(error_of("mtu", "1500x"), "bad --mtu: 1500x");
  EXPECT_EQ(error_of("bind_port", "0"), "bad --bind_port: 0");
  EXPECT_EQ(error_of("bind_port", "65536"), "bad --bind_port: 65536");
  EXPECT_EQ(error_of("ip_version", "ipv5"), "bad --ip_version: ipv5");
  EXPECT_EQ(error_of("tolerance_percent", "101"), "bad --tolerance_percent: 101");
  EXPECT_EQ(error_of("non_fatal", "timing"), "bad --non_fatal: timing");
  EXPECT_EQ(error_of("kernel-version", "six"), "bad --kernel-version: six");
  EXPECT_EQ(error_of("define", "=3"), "bad definition, expected NAME=value: =3");
}

TEST(RunOptionTable, RejectsUnknownAndMisusedFlags) {
  EXPECT_EQ(error_of("frobnicate", std::nullopt), "option 'frobnicate' unknown");
  EXPECT_EQ(error_of("mtu", std::nullopt), "option 'mtu' requires an argument");
  EXPECT_EQ(error_of("dry_run", "1"), "option 'dry_run' forbids an argument");
}

TEST(RunOptionTable, WireModeIsRefusedWithAReason) {
  EXPECT_EQ(error_of("wire_server_at", "host"),
            "--wire_server_at is not supported by tcpdrill: scripts run against the local "
            "kernel only");
}

TEST(RunOptionTable, EverySpecIsApplicable) {
  for (const auto& spec : run_option_specs()) {
    const std::string message =
        error_of(spec.name, spec.takes_value ? std::optional<std::string>("") : std::nullopt);
    EXPECT_EQ(message.find("unknown"), std::string::npos) << spec.name;
  }
}

}  // namespace
}  // namespace tcpdrill::cli
