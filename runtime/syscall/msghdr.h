#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "parser/ast_expression.h"
#include "runtime/syscall/call_support.h"
#include "runtime/syscall/syscall_environment.h"

namespace tcpdrill::runtime {

// One TCP_NLA_* attribute of SCM_TIMESTAMPING_OPT_STATS; no value means `...` (ignore).
struct NlaSpec {
  uint16_t type = 0;
  uint16_t size = 0;
  std::optional<uint64_t> value;
};

// One control message as the script writes it:
//   {cmsg_level=L, cmsg_type=T, cmsg_data=D}
// D: an integer, {scm_sec=S, scm_nsec=N}, {ee_errno=..., ee_origin=..., ...} or a list of
// TCP_NLA_x=V pairs. The payload holds the bytes sent by sendmsg() and the expected
// bytes recvmsg() compares.
struct CmsgSpec {
  enum class Kind : uint8_t { Integer, Timestamping, ExtendedError, OptStats };
  int level = 0;
  int type = 0;
  Kind kind = Kind::Integer;
  std::vector<unsigned char> payload;
  std::vector<NlaSpec> stats;
};

// {msg_name(...)=..., msg_iov(N)=[{..., LEN}...], msg_flags=F [, msg_control=[...]]}
struct MessageSpec {
  bool has_name = false;
  IovecArray iovecs;
  int flags = 0;
  std::vector<CmsgSpec> control;
};

MessageSpec parse_message(const ast::Expression& expression);

// The live struct msghdr over a MessageSpec's buffers. Built in place (it points into
// itself), so it is neither copied nor moved.
class LiveMessage {
 public:
  LiveMessage(const MessageSpec& spec, const LiveSockaddr* name);
  LiveMessage(const LiveMessage&) = delete;
  LiveMessage& operator=(const LiveMessage&) = delete;
  msghdr* get() { return &header_; }
  const msghdr& header() const { return header_; }

 private:
  LiveSockaddr name_;
  std::vector<iovec> iov_;
  std::vector<uint64_t> control_;  // 8-byte aligned for the CMSG_* macros
  msghdr header_{};
};

// Compares the cmsgs recvmsg() returned with the script's; throws SyscallError
// ("Bad type in cmsg 0: expected=1 actual=2", "received only 1 cmsgs" ...).
void compare_cmsgs(const std::vector<CmsgSpec>& expected, const msghdr& actual,
                   const SyscallEnvironment& env);

}  // namespace tcpdrill::runtime
