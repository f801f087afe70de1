#include "runtime/syscall/fd_table.h"

#include <unistd.h>

#include <string>
#include <utility>

#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {

bool is_socket(FdKind kind) {
  switch (kind) {
    case FdKind::TcpSocket:
    case FdKind::TcpListener:
    case FdKind::UdpSocket:
    case FdKind::IcmpSocket:
    case FdKind::OtherSocket:
      return true;
    case FdKind::Epoll:
    case FdKind::Pipe:
    case FdKind::File:
      return false;
  }
  return false;
}

FdTable::FdTable(FdTable&& other) noexcept : entries_(std::exchange(other.entries_, {})) {}

FdTable& FdTable::operator=(FdTable&& other) noexcept {
  if (this != &other) {
    close_all();
    entries_ = std::exchange(other.entries_, {});
  }
  return *this;
}

FdTable::~FdTable() { close_all(); }

void FdTable::close_all() noexcept {
  for (FdEntry& entry : entries_) {
    if (!entry.closed) {
      ::close(entry.live_fd);
      entry.closed = true;
    }
  }
}

void FdTable::add(const FdEntry& entry) {
  if (find(entry.script_fd) != nullptr) {
    throw SyscallError("duplicate fd " + std::to_string(entry.script_fd) + " in script");
  }
  if (find_live(entry.live_fd) != nullptr) {
    throw SyscallError("duplicate live fd " + std::to_string(entry.live_fd));
  }
  add_shadowing(entry);
}

void FdTable::add_shadowing(const FdEntry& entry) {
  FdEntry added = entry;
  added.closed = false;
  entries_.push_back(added);
}

FdEntry* FdTable::find_open(int script_fd) {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (!it->closed && it->script_fd == script_fd) return &*it;
  }
  return nullptr;
}

const FdEntry* FdTable::find(int script_fd) const {
  return const_cast<FdTable*>(this)->find_open(script_fd);
}

const FdEntry* FdTable::find_live(int live_fd) const {
  for (const FdEntry& entry : entries_) {
    if (!entry.closed && entry.live_fd == live_fd) return &entry;
  }
  return nullptr;
}

int FdTable::live_fd(int script_fd) const {
  if (const FdEntry* entry = find(script_fd)) return entry->live_fd;
  throw SyscallError("unable to find fd with script fd " + std::to_string(script_fd));
}

void FdTable::set_kind(int script_fd, FdKind kind) {
  if (FdEntry* entry = find_open(script_fd)) entry->kind = kind;
}

void FdTable::mark_closed(int script_fd) {
  if (FdEntry* entry = find_open(script_fd)) entry->closed = true;
}

}  // namespace tcpdrill::runtime
