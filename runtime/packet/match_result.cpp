#include "runtime/packet/match_result.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace tcpdrill::runtime::packet {

namespace {

bool is_number(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// packetdrill shows numbers in decimal and hex: "100 (0x64)".
std::string with_hex(const std::string& value) {
  if (!is_number(value)) return value;
  char hex[32];
  std::snprintf(hex, sizeof hex, " (0x%llx)", std::strtoull(value.c_str(), nullptr, 10));
  return value + hex;
}

}  // namespace

void MatchResult::check(std::string_view field, uint64_t expected, uint64_t actual) {
  if (expected != actual) {
    mismatches.push_back({std::string(field), std::to_string(expected), std::to_string(actual)});
  }
}

std::string MatchResult::describe() const {
  std::string text;
  for (const auto& mismatch : mismatches) {
    if (!text.empty()) text += '\n';
    text += "live packet field " + mismatch.field + ": expected: " + with_hex(mismatch.expected) +
            " vs actual: " + with_hex(mismatch.actual);
  }
  for (const auto& problem : problems) {
    if (!text.empty()) text += '\n';
    text += problem;
  }
  return text;
}

PacketMismatch::PacketMismatch(MatchResult result)
    : PacketError(result.describe()), result_(std::move(result)) {}

}  // namespace tcpdrill::runtime::packet
