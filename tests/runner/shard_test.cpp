#include "runner/shard.h"

#include <gtest/gtest.h>

#include <set>

#include "runner/usage_error.h"

namespace tcpdrill::runner {
namespace {

std::vector<Script> scripts_named(std::size_t count, const std::string& prefix = "tcp/s") {
  std::vector<Script> scripts;
  for (std::size_t i = 0; i < count; ++i) {
    Script script;
    script.name = prefix + std::to_string(i) + ".pkt";
    scripts.push_back(script);
  }
  return scripts;
}

TEST(Shard, ParsesValidSpecs) {
  const ShardSpec spec = parse_shard("2/5");
  EXPECT_EQ(spec.index, 2u);
  EXPECT_EQ(spec.count, 5u);
  EXPECT_EQ(parse_shard("1/1").count, 1u);
}

TEST(Shard, RejectsInvalidSpecs) {
  for (const char* bad : {"", "1", "0/3", "4/3", "1/0", "a/b", "1/2/3", "-1/2", "1 /2", "2/", "/2"}) {
    EXPECT_THROW(parse_shard(bad), UsageError) << bad;
  }
}

TEST(Shard, HashIsFixedAcrossBuilds) {
  // FNV-1a 64 reference values: changing them would reshuffle every CI's shards.
  EXPECT_EQ(stable_hash(""), 14695981039346656037ull);
  EXPECT_EQ(stable_hash("a"), 0xaf63dc4c8601ec8cull);
}

TEST(Shard, ShardsPartitionTheSuite) {
  const auto scripts = scripts_named(200);
  std::multiset<std::string> seen;
  for (unsigned i = 1; i <= 4; ++i) {
    const auto shard = select_shard(scripts, ShardSpec{i, 4});
    EXPECT_GT(shard.size(), 20u);  // roughly balanced (50 expected)
    for (const Script& script : shard) seen.insert(script.name);
  }
  EXPECT_EQ(seen.size(), scripts.size());
  for (const Script& script : scripts) EXPECT_EQ(seen.count(script.name), 1u) << script.name;
}

TEST(Shard, MembershipDependsOnTheNameNotThePosition) {
  auto scripts = scripts_named(50);
  std::set<std::string> before;
  for (const Script& script : select_shard(scripts, ShardSpec{3, 4})) before.insert(script.name);
  // Adding scripts in front must not move existing ones to another shard.
  auto grown = scripts_named(30, "aaa/new");
  grown.insert(grown.end(), scripts.begin(), scripts.end());
  std::set<std::string> after;
  for (const Script& script : select_shard(grown, ShardSpec{3, 4})) {
    if (script.name.rfind("tcp/", 0) == 0) after.insert(script.name);
  }
  EXPECT_EQ(before, after);
}

}  // namespace
}  // namespace tcpdrill::runner
