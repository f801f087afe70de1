#include "cli/invocation_defaults.h"

#include <gtest/gtest.h>

#include "cli/script_options.h"

namespace tcpdrill::cli {
namespace {

TEST(InvocationDefaults, OnlyTheNamePacketdrillOffersTso) {
  EXPECT_TRUE(default_run_config("packetdrill").offload_tso);
  EXPECT_TRUE(default_run_config("/usr/local/bin/packetdrill").offload_tso);
  EXPECT_FALSE(default_run_config("tcpdrill").offload_tso);
  EXPECT_FALSE(default_run_config("build/cli/tcpdrill").offload_tso);
  EXPECT_FALSE(default_run_config("/opt/packetdrill/tcpdrill").offload_tso);
  EXPECT_FALSE(default_run_config("packetdrill-2").offload_tso);
  EXPECT_FALSE(default_run_config("").offload_tso);
}

TEST(InvocationDefaults, ScriptOptionAndFlagOverrideTheDefault) {
  ast::Script script;
  script.options.push_back({{1, 1}, "offload", "none"});
  EXPECT_FALSE(configure_script(script, {}, default_run_config("packetdrill")).offload_tso);
  EXPECT_TRUE(configure_script(script, {{"offload", "tso"}}, default_run_config("packetdrill")).offload_tso);
  EXPECT_TRUE(configure_script(ast::Script{}, {}, default_run_config("packetdrill")).offload_tso);
}

}  // namespace
}  // namespace tcpdrill::cli
