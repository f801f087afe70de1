#pragma once

#include <cstdint>
#include <vector>

namespace tcpdrill::runtime {

enum class FdKind : uint8_t {
  TcpSocket,
  TcpListener,  // a TCP socket after a successful listen()
  UdpSocket,
  IcmpSocket,   // SOCK_DGRAM with IPPROTO_ICMP / IPPROTO_ICMPV6 ("ping" socket)
  OtherSocket,  // raw, packet, ...
  Epoll,
  Pipe,
  File,
};

struct FdEntry {
  int script_fd = -1;
  int live_fd = -1;
  FdKind kind = FdKind::File;
  int domain = 0;  // sockets only
  int type = 0;    // sockets only, without SOCK_NONBLOCK / SOCK_CLOEXEC
  int protocol = 0;
  bool closed = false;
};

// The script's fd numbers and the live fds behind them. Fd-creating calls (socket,
// accept, open, epoll_create, pipe) take the expected result as the script fd. A closed
// entry stays for the record but no longer matches. Owns the live fds it holds open and
// closes them when destroyed.
class FdTable {
 public:
  FdTable() = default;
  FdTable(const FdTable&) = delete;
  FdTable& operator=(const FdTable&) = delete;
  FdTable(FdTable&& other) noexcept;
  FdTable& operator=(FdTable&& other) noexcept;
  ~FdTable();

  // Takes ownership of entry.live_fd. Throws SyscallError "duplicate fd N in script" or
  // "duplicate live fd N" (and then closes nothing: the caller still owns live_fd).
  void add(const FdEntry& entry);
  // accept(): packetdrill maps the accepted fd without a duplicate check, so a script may
  // accept into a script fd that is still open. The newest entry wins every lookup; the
  // older live fd stays open until the table is destroyed.
  void add_shadowing(const FdEntry& entry);
  // Throws SyscallError "unable to find fd with script fd N".
  int live_fd(int script_fd) const;
  const FdEntry* find(int script_fd) const;  // open entries only
  const FdEntry* find_live(int live_fd) const;
  void set_kind(int script_fd, FdKind kind);
  // The live fd was closed by the script's close(); forget it without closing again.
  void mark_closed(int script_fd);
  const std::vector<FdEntry>& entries() const { return entries_; }

 private:
  FdEntry* find_open(int script_fd);
  void close_all() noexcept;

  std::vector<FdEntry> entries_;
};

bool is_socket(FdKind kind);

}  // namespace tcpdrill::runtime
