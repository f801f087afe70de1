#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tcpdrill::runtime {

// Names a script may use as integers (SOL_SOCKET, MSG_PEEK, EAGAIN, POLLIN, CAP_NET_RAW,
// TCP_NLA_SND_CWND ...), with the values of the Linux headers tcpdrill was built with.
class SymbolTable {
 public:
  // The one table, built on first use; safe to call from any thread.
  static const SymbolTable& linux_symbols();

  std::optional<int64_t> find(std::string_view name) const;
  // Throws SyscallError "unknown symbol: 'NAME'".
  int64_t resolve(std::string_view name) const;
  std::size_t size() const { return values_.size(); }

 private:
  SymbolTable();
  std::unordered_map<std::string_view, int64_t> values_;
};

// "ENOENT" for 2; the decimal number for a value with no name.
std::string errno_name(int error);
// strerror() text, thread-safe.
std::string errno_text(int error);

// "POLLIN|POLLOUT" for a poll event mask ("" for 0, unnamed bits in hex), and the
// same for epoll masks.
std::string poll_events_text(int64_t events);
std::string epoll_events_text(int64_t events);

}  // namespace tcpdrill::runtime
