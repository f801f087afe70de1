#include "runner/run_options.h"

#include <gtest/gtest.h>

#include "runner/usage_error.h"
#include "tests/runner/command_args.h"

namespace tcpdrill::runner {
namespace {

RunOptions parse(std::vector<std::string> args) {
  return testing::call_with_args(parse_run_options, "run", std::move(args));
}

TEST(RunOptions, Defaults) {
  const RunOptions options = parse({"scripts"});
  EXPECT_EQ(options.paths, std::vector<std::string>{"scripts"});
  EXPECT_EQ(options.jobs, available_cpus());
  EXPECT_EQ(options.timeout, std::chrono::seconds(180));
  EXPECT_TRUE(options.variants.empty());
  EXPECT_EQ(options.repeat, 1u);
  EXPECT_EQ(options.retry_timing, 0u);
  EXPECT_FALSE(options.shard);
  EXPECT_FALSE(options.ktap);
  EXPECT_DOUBLE_EQ(options.max_busy_fraction, 0.9);
}

TEST(RunOptions, EverythingSet) {
  const RunOptions options =
      parse({"-j", "3", "--timeout=2.5", "-4", "--mapped", "--tap", "t.tap", "--junit=j.xml", "--json",
             "r.json", "--ktap", "--capture", "caps", "--repeat=5", "--retry-timing=2", "--shard=2/3",
             "--max-cpu=50", "--tcpdrill=/opt/tcpdrill", "a", "b.pkt", "--", "-v", "--tolerance_usecs=14000"});
  EXPECT_EQ(options.jobs, 3u);
  EXPECT_EQ(options.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(options.variants, (std::vector{Variant::Ipv4, Variant::Ipv4MappedIpv6}));
  EXPECT_EQ(options.tap_file, "t.tap");
  EXPECT_EQ(options.junit_file, "j.xml");
  EXPECT_EQ(options.json_file, "r.json");
  EXPECT_TRUE(options.ktap);
  EXPECT_EQ(options.capture_dir, "caps");
  EXPECT_EQ(options.repeat, 5u);
  EXPECT_EQ(options.retry_timing, 2u);
  ASSERT_TRUE(options.shard);
  EXPECT_EQ(options.shard->index, 2u);
  EXPECT_EQ(options.shard_text, "2/3");
  EXPECT_DOUBLE_EQ(options.max_busy_fraction, 0.5);
  EXPECT_EQ(options.tcpdrill, "/opt/tcpdrill");
  EXPECT_EQ(options.paths, (std::vector<std::string>{"a", "b.pkt"}));
  EXPECT_EQ(options.child_args, (std::vector<std::string>{"-v", "--tolerance_usecs=14000"}));
}

TEST(RunOptions, WhatARunLeavesBehind) {
  const RunOptions options =
      parse({"--capture", "caps", "--capture-all", "--trace-state=trace", "--html", "page", "x"});
  EXPECT_TRUE(options.capture_all);
  EXPECT_EQ(options.trace_dir, "trace");
  EXPECT_EQ(options.html_dir, "page");
  EXPECT_TRUE(parse({"--html", "page", "--capture-all", "x"}).capture_all);
  EXPECT_FALSE(parse({"x"}).capture_all);
  EXPECT_THROW(parse({"--capture-all", "x"}), UsageError);  // keep every pcap where?
  EXPECT_EQ(parse({"--vm", "--trace-state=t", "x"}).trace_dir, "t");  // the guest hands it back
}

TEST(RunOptions, VmExactNeedsTheVirtualClockOfAVmRun) {
  EXPECT_TRUE(parse({"--vm", "--vm-exact", "x"}).vm_exact);
  EXPECT_FALSE(parse({"--vm", "x"}).vm_exact);
  try {
    parse({"--vm-exact", "x"});
    ADD_FAILURE() << "accepted without --vm";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "--vm-exact needs --vm");
  }
  EXPECT_THROW(parse({"--vm", "--vm-exact", "--vm-clock=real", "x"}), UsageError);
}

TEST(RunOptions, Ipv6ShortFlag) {
  EXPECT_EQ(parse({"-6", "x"}).variants, std::vector{Variant::Ipv6});
}

TEST(RunOptions, HelpNeedsNoPath) {
  const RunOptions options = parse({"--help"});
  EXPECT_TRUE(options.help);
  EXPECT_NE(options.help_text.find("--retry-timing"), std::string::npos);
}

TEST(RunOptions, UsageErrors) {
  const std::vector<std::vector<std::string>> bad{
      {},
      {"--", "x.pkt"},  // the path after -- belongs to the child
      {"-j", "0", "x"},
      {"-j", "-1", "x"},
      {"--timeout=0", "x"},
      {"--timeout=abc", "x"},
      {"--repeat=0", "x"},
      {"--shard=3/2", "x"},
      {"--shard=1", "x"},
      {"--max-cpu=0", "x"},
      {"--max-cpu=150", "x"},
      {"--no-such-option", "x"},
      {"--rep=2", "x"},  // no prefix guessing
      {"--tap", "x"},  // --tap takes the file, leaving no PATH
  };
  for (const auto& args : bad) {
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    EXPECT_THROW(parse(args), UsageError) << joined;
  }
}

}  // namespace
}  // namespace tcpdrill::runner
