#pragma once

#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace tcpdrill::parser_detail {

// Refers to a T kept in a ValuePools. A handle is trivially copyable, so the parser can
// move it between stack slots with a plain copy. `{}` is a handle to no value at all,
// which take() turns into T{}: the empty alternative of an optional rule costs nothing.
template <typename T>
struct Handle {
  static constexpr uint32_t kNoValue = UINT32_MAX;
  uint32_t index = kNoValue;
};

// One pool per type of large grammar value. A value is kept once and taken once, so a
// slot is free again as soon as its value moves on; the pools stay as small as the
// deepest parser stack and every value is reached by an index rather than through an
// allocation of its own.
template <typename... T>
class ValuePools {
 public:
  template <typename V>
  Handle<std::decay_t<V>> keep(V&& value) {
    Pool<std::decay_t<V>>& pool = std::get<Pool<std::decay_t<V>>>(pools_);
    if (pool.free.empty()) {
      pool.slots.push_back(std::forward<V>(value));
      return {static_cast<uint32_t>(pool.slots.size() - 1)};
    }
    uint32_t index = pool.free.back();
    pool.free.pop_back();
    pool.slots[index] = std::forward<V>(value);
    return {index};
  }

  template <typename V>
  V take(Handle<V> handle) {
    if (handle.index == Handle<V>::kNoValue) return V{};
    Pool<V>& pool = std::get<Pool<V>>(pools_);
    pool.free.push_back(handle.index);
    return std::move(pool.slots[handle.index]);
  }

  // The value itself, to change it where it lies; `handle` must hold a value.
  template <typename V>
  V& operator[](Handle<V> handle) {
    return std::get<Pool<V>>(pools_).slots[handle.index];
  }

 private:
  template <typename V>
  struct Pool {
    std::vector<V> slots;
    std::vector<uint32_t> free;
  };
  std::tuple<Pool<T>...> pools_;
};

}  // namespace tcpdrill::parser_detail
