#include "runtime/syscall/symbol_table.h"

#include <string.h>

#include <cstdio>

#include "runtime/syscall/symbol_lists.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

std::string mask_text(int64_t mask, std::span<const NamedValue> names) {
  std::string text;
  auto append = [&text](std::string_view part) {
    if (!text.empty()) text += '|';
    text += part;
  };
  for (const NamedValue& name : names) {
    if (name.value != 0 && (mask & name.value) == name.value) {
      append(name.name);
      mask &= ~name.value;
    }
  }
  if (mask != 0) {
    char hex[32];
    std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(mask));
    append(hex);
  }
  return text;
}

}  // namespace

SymbolTable::SymbolTable() {
  for (auto list :
       {errno_symbol_list(), linux_symbol_list(), poll_symbol_list(), epoll_symbol_list()}) {
    for (const NamedValue& symbol : list) values_.emplace(symbol.name, symbol.value);
  }
}

const SymbolTable& SymbolTable::linux_symbols() {
  static const SymbolTable table;
  return table;
}

std::optional<int64_t> SymbolTable::find(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

int64_t SymbolTable::resolve(std::string_view name) const {
  if (auto value = find(name)) return *value;
  throw SyscallError("unknown symbol: '" + std::string(name) + "'");
}

std::string errno_name(int error) {
  for (const NamedValue& symbol : errno_symbol_list()) {
    if (symbol.value == error) return std::string(symbol.name);
  }
  return std::to_string(error);
}

std::string errno_text(int error) {
  // strerrordesc_np: thread-safe and locale-free, unlike strerror().
  const char* text = strerrordesc_np(error);
  return text != nullptr ? text : "Unknown error " + std::to_string(error);
}

std::string poll_events_text(int64_t events) { return mask_text(events, poll_symbol_list()); }
std::string epoll_events_text(int64_t events) { return mask_text(events, epoll_symbol_list()); }

}  // namespace tcpdrill::runtime
