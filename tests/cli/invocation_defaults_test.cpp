#include "cli/invocation_defaults.h"

#include <gtest/gtest.h>

#include "cli/script_options.h"

namespace tcpdrill::cli {
namespace {

TEST(InvocationDefaults, OnlyTheNamePacketdrillOffersTso) {
  EXPECT_TRUE(default_run_config("packetdrill", "a.pkt").offload_tso);
  EXPECT_TRUE(default_run_config("/usr/local/bin/packetdrill", "a.pkt").offload_tso);
  EXPECT_FALSE(default_run_config("tcpdrill", "a.pkt").offload_tso);
  EXPECT_FALSE(default_run_config("build/cli/tcpdrill", "a.pkt").offload_tso);
  EXPECT_FALSE(default_run_config("/opt/packetdrill/tcpdrill", "a.pkt").offload_tso);
  EXPECT_FALSE(default_run_config("packetdrill-2", "a.pkt").offload_tso);
  EXPECT_FALSE(default_run_config("", "a.pkt").offload_tso);
}

TEST(InvocationDefaults, ScriptOptionAndFlagOverrideTheDefault) {
  ast::Script script;
  script.options.push_back({{1, 1}, "offload", "none"});
  EXPECT_FALSE(configure_script(script, {}, default_run_config("packetdrill", "a.pkt")).offload_tso);
  EXPECT_TRUE(configure_script(script, {{"offload", "tso"}}, default_run_config("packetdrill", "a.pkt")).offload_tso);
  EXPECT_TRUE(configure_script(ast::Script{}, {}, default_run_config("packetdrill", "a.pkt")).offload_tso);
}

TEST(InvocationDefaults, TcpdrillRunsCommandsInTheScriptsDirectoryPacketdrillInOurs) {
  EXPECT_EQ(default_run_config("build/cli/tcpdrill", "scripts/data/a.pkt").command_directory, "scripts/data");
  EXPECT_EQ(default_run_config("tcpdrill", "/abs/a.pkt").command_directory, "/abs");
  EXPECT_EQ(default_run_config("tcpdrill", "a.pkt").command_directory, "");
  EXPECT_EQ(default_run_config("packetdrill", "scripts/data/a.pkt").command_directory, "");
}

TEST(InvocationDefaults, OnlyTheNamePacketdrillSpinsBeforeTimeZeroAsPacketdrillDoes) {
  EXPECT_EQ(default_run_config("/usr/local/bin/packetdrill", "a.pkt").time_zero_lead_usecs, 100'000);
  EXPECT_EQ(default_run_config("build/cli/tcpdrill", "a.pkt").time_zero_lead_usecs, 0);
}

}  // namespace
}  // namespace tcpdrill::cli
