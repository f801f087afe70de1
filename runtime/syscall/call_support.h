#pragma once

#include <sys/uio.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "parser/ast_expression.h"
#include "runtime/syscall/fd_table.h"
#include "runtime/syscall/syscall_call.h"
#include "runtime/syscall/syscall_environment.h"

namespace tcpdrill::runtime {

// A zero-filled byte buffer, shared so that --send_omit_free can keep it after the call.
using ByteBuffer = std::shared_ptr<std::vector<char>>;

// `wanted` false (a NULL argument) gives no buffer and a null pointer.
ByteBuffer make_buffer(bool wanted, int64_t count);
inline char* data_of(const ByteBuffer& buffer) { return buffer ? buffer->data() : nullptr; }
void keep_buffer(SyscallEnvironment& env, const ByteBuffer& buffer);

// [{..., 100}, {..., 200}]: iovecs over zero-filled buffers.
struct IovecArray {
  std::vector<ByteBuffer> buffers;
  std::vector<iovec> entries;
  void keep(SyscallEnvironment& env) const;
};
IovecArray make_iovecs(const ast::Expression& list);

// A live fd a call created; closed unless handed to the FdTable, so a failed check
// leaks nothing.
class PendingFd {
 public:
  PendingFd() = default;
  PendingFd(const PendingFd&) = delete;
  PendingFd& operator=(const PendingFd&) = delete;
  ~PendingFd();
  void set(int live_fd) { fd_ = live_fd; }
  int get() const { return fd_; }
  // Adds the fd to the table (throws on duplicates, keeping ownership).
  void hand_to(FdTable& fds, FdEntry entry, bool shadowing = false);

 private:
  int fd_ = -1;
};

FdKind socket_kind(int type, int protocol);

// socket, accept, open, epoll_create: the new fd gets the script's expected result as its
// script fd once the result check passed.
class FdCreatingCall : public SyscallCall {
 public:
  ResultCheck result_check() const override { return ResultCheck::Fd; }
  int64_t perform() final;
  void verify(SyscallEnvironment& env, const SyscallOutcome& outcome, int64_t expected) final;

 protected:
  virtual int create() = 0;
  // The FdTable entry of the new fd, without its fds.
  virtual FdEntry describe(const SyscallEnvironment& env) const = 0;
  // accept() may reuse an open script fd (see FdTable::add_shadowing).
  virtual bool shadows_open_fds() const { return false; }
  // After the fd is in the table: tell the observer.
  virtual void announce(SyscallEnvironment&, int /*script_fd*/, int /*live_fd*/) {}

 private:
  PendingFd created_;
};

}  // namespace tcpdrill::runtime
