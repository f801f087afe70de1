#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace tcpdrill::runtime {

struct NamedValue {
  std::string_view name;
  int64_t value;
};

#define TCPDRILL_SYMBOL(name) \
  NamedValue { #name, static_cast < int64_t>(name) }

// Every Linux errno name, in the order of the kernel's errno headers, so that the
// first name of a value (EAGAIN before EWOULDBLOCK) is the one printed.
std::span<const NamedValue> errno_symbol_list();
// Sockets, IP, TCP, files, message flags, poll, epoll, timestamping, capabilities.
std::span<const NamedValue> linux_symbol_list();
std::span<const NamedValue> poll_symbol_list();
std::span<const NamedValue> epoll_symbol_list();

}  // namespace tcpdrill::runtime
