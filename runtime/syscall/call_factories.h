#pragma once

#include <memory>

#include "runtime/syscall/call_arguments.h"
#include "runtime/syscall/syscall_call.h"

namespace tcpdrill::runtime {

// One factory per script call name (internal to runtime/syscall): checks the arity,
// evaluates the arguments and translates fds, or throws SyscallError.
using CallFactory = std::unique_ptr<SyscallCall> (*)(const CallArguments&, int64_t expected);

// A connect()/sendto()/sendmsg() address argument at `index`: `...` is the live remote
// address, an integer a bare family (AF_UNSPEC disconnects). Notifies the observer
// (on_connect / on_disconnect) before the call runs. socket_calls.cpp.
LiveSockaddr connect_target(const CallArguments& args, std::size_t index, int script_fd);

// socket_calls.cpp
std::unique_ptr<SyscallCall> make_socket(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_bind(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_listen(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_accept(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_connect(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_shutdown(const CallArguments&, int64_t);
// fd_calls.cpp
std::unique_ptr<SyscallCall> make_close(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_fcntl(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_ioctl(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_open(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_pipe(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_cap_set(const CallArguments&, int64_t);
// io_calls.cpp
std::unique_ptr<SyscallCall> make_read(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_readv(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_recv(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_recvfrom(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_write(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_writev(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_send(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_sendto(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_sendfile(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_splice(const CallArguments&, int64_t);
// msg_calls.cpp
std::unique_ptr<SyscallCall> make_sendmsg(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_recvmsg(const CallArguments&, int64_t);
// sockopt_calls.cpp
std::unique_ptr<SyscallCall> make_getsockopt(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_setsockopt(const CallArguments&, int64_t);
// poll_calls.cpp
std::unique_ptr<SyscallCall> make_poll(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_epoll_create(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_epoll_ctl(const CallArguments&, int64_t);
std::unique_ptr<SyscallCall> make_epoll_wait(const CallArguments&, int64_t);

}  // namespace tcpdrill::runtime
