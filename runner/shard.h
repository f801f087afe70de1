#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "runner/test_case.h"

namespace tcpdrill::runner {

// `--shard I/N`: this machine runs shard I (1-based) of N.
struct ShardSpec {
  unsigned index = 1;
  unsigned count = 1;
};

// Parses "I/N"; throws UsageError unless 1 <= I <= N.
ShardSpec parse_shard(std::string_view text);

// FNV-1a 64 of the text: fixed across runs, machines and compilers (std::hash is not).
uint64_t stable_hash(std::string_view text);

// A script belongs to shard I when hash(name) % N == I - 1. Hashing the name, not the
// position, keeps a script on its shard when others are added or removed, and all
// variants of a script land on the same shard.
bool in_shard(const Script& script, const ShardSpec& shard);

std::vector<Script> select_shard(std::vector<Script> scripts, const ShardSpec& shard);

}  // namespace tcpdrill::runner
