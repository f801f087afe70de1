#include "runner/shard.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "runner/usage_error.h"

namespace tcpdrill::runner {
namespace {

std::optional<unsigned> parse_positive(std::string_view text) {
  unsigned value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty() || value == 0) return std::nullopt;
  return value;
}

}  // namespace

ShardSpec parse_shard(std::string_view text) {
  const std::size_t slash = text.find('/');
  const auto bad = [&] {
    return UsageError("--shard wants I/N with 1 <= I <= N (e.g. 2/4), not '" +
                      std::string(text) + "'");
  };
  if (slash == std::string_view::npos) throw bad();
  auto index = parse_positive(text.substr(0, slash));
  auto count = parse_positive(text.substr(slash + 1));
  if (!index || !count || *index > *count) throw bad();
  return ShardSpec{*index, *count};
}

uint64_t stable_hash(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

bool in_shard(const Script& script, const ShardSpec& shard) {
  return stable_hash(script.name) % shard.count == shard.index - 1;
}

std::vector<Script> select_shard(std::vector<Script> scripts, const ShardSpec& shard) {
  std::erase_if(scripts, [&](const Script& script) { return !in_shard(script, shard); });
  return scripts;
}

}  // namespace tcpdrill::runner
