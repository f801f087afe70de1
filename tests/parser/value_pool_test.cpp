#include "parser/value_pool.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tcpdrill::parser_detail {
namespace {

using Pools = ValuePools<std::string, std::vector<int>>;

TEST(ValuePools, TakeGivesBackWhatWasKept) {
  Pools pools;
  Handle<std::string> word = pools.keep(std::string("syn"));
  Handle<std::vector<int>> numbers = pools.keep(std::vector<int>{1, 2});
  EXPECT_EQ(pools.take(word), "syn");
  EXPECT_EQ(pools.take(numbers), (std::vector<int>{1, 2}));
}

TEST(ValuePools, ValueChangesInPlace) {
  Pools pools;
  Handle<std::vector<int>> numbers = pools.keep(std::vector<int>{1});
  pools[numbers].push_back(2);
  EXPECT_EQ(pools.take(numbers), (std::vector<int>{1, 2}));
}

TEST(ValuePools, TakenSlotIsReused) {
  Pools pools;
  Handle<std::string> first = pools.keep(std::string("a"));
  Handle<std::string> second = pools.keep(std::string("b"));
  pools.take(first);
  Handle<std::string> third = pools.keep(std::string("c"));
  EXPECT_EQ(third.index, first.index);
  EXPECT_EQ(pools.take(second), "b");
  EXPECT_EQ(pools.take(third), "c");
}

TEST(ValuePools, EmptyHandleTakesADefaultValue) {
  Pools pools;
  EXPECT_EQ(pools.take(Handle<std::string>{}), "");
  EXPECT_TRUE(pools.take(Handle<std::vector<int>>{}).empty());
}

}  // namespace
}  // namespace tcpdrill::parser_detail
