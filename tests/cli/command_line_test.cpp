#include "cli/command_line.h"

#include <gtest/gtest.h>

#include "cli/run_option_table.h"

namespace tcpdrill::cli {
namespace {

TEST(ScriptCommandLine, KeepsFlagOrderAndScripts) {
  const auto parsed = parse_script_command_line(
      {"--ip_version=ipv6", "-v", "--mtu", "1520", "-D", "X=1", "-DY=2", "a.pkt", "b.pkt"});
  ASSERT_EQ(parsed.flags.size(), 5u);
  EXPECT_EQ(parsed.flags[0].name, "ip_version");
  EXPECT_EQ(parsed.flags[0].value, "ipv6");
  EXPECT_EQ(parsed.flags[1].name, "verbose");
  EXPECT_FALSE(parsed.flags[1].value.has_value());
  EXPECT_EQ(parsed.flags[2].value, "1520");
  EXPECT_EQ(parsed.flags[3].value, "X=1");
  EXPECT_EQ(parsed.flags[4].value, "Y=2");
  EXPECT_EQ(parsed.script_paths, (std::vector<std::string>{"a.pkt", "b.pkt"}));
}

TEST(ScriptCommandLine, CommandLineWinsOverEarlierSettings) {
  runtime::RunConfig config;
  config.tolerance_usecs = 10000;  // as if set by the script
  apply_flags(config, parse_script_command_line({"--tolerance_usecs=14000", "x.pkt"}).flags);
  EXPECT_EQ(config.tolerance_usecs, 14000);
}

TEST(ScriptCommandLine, RejectsUnknownFlagsAndPrefixes) {
  EXPECT_THROW(parse_script_command_line({"--frobnicate", "x.pkt"}), OptionError);
  EXPECT_THROW(parse_script_command_line({"--tolerance", "9", "x.pkt"}), OptionError);
  EXPECT_THROW(parse_script_command_line({"--mtu"}), OptionError);
}

TEST(ScriptCommandLine, DefinesAreCollected) {
  const auto parsed = parse_script_command_line({"-D", "A=1", "--define=B=x", "s.pkt"});
  const Defines defines = defines_of(parsed.flags);
  EXPECT_EQ(defines.at("A"), "1");
  EXPECT_EQ(defines.at("B"), "x");
}

TEST(ScriptCommandLine, UsageListsEveryFlag) {
  const std::string usage = script_usage_text("tcpdrill");
  for (const auto& spec : run_option_specs()) {
    EXPECT_NE(usage.find("--" + spec.name), std::string::npos) << spec.name;
  }
}

TEST(ScriptCommandLine, UsageSaysWhatTheNamePacketdrillChanges) {
  const std::string usage = script_usage_text("tcpdrill");
  EXPECT_NE(usage.find("packetdrill: in the current one"), std::string::npos) << usage;
  EXPECT_NE(usage.find("script time 0 comes\nafter 100 ms of spinning"), std::string::npos) << usage;
  EXPECT_NE(usage.find("tso when invoked as packetdrill"), std::string::npos) << usage;
}

}  // namespace
}  // namespace tcpdrill::cli
