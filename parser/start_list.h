#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace tcpdrill::parser_detail {

// The list a grammar rule starts with its first element, with room for `capacity`
// elements so that a list of typical length is allocated once.
template <typename T>
std::vector<T> start_list(T first, size_t capacity) {
  std::vector<T> list;
  list.reserve(capacity);
  list.push_back(std::move(first));
  return list;
}

}  // namespace tcpdrill::parser_detail
