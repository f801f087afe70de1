#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "parser/ast_event.h"
#include "runtime/syscall/prepared_syscall.h"

namespace tcpdrill::runtime::testing {

// Terse AST builders: the parser is not needed to test syscalls.
ast::Expression num(int64_t value);
ast::Expression sym(const std::string& name);
ast::Expression str(const std::string& bytes);
ast::Expression dots();
ast::Expression list(std::vector<ast::Expression> elements);   // [a, b]
ast::Expression brace(std::vector<ast::Expression> elements);  // {a, b}
ast::Expression field(const std::string& name, ast::Expression value);
ast::Expression field(const std::string& name, int64_t count, ast::Expression value);
ast::Expression fn(const std::string& name, std::vector<ast::Expression> arguments);
ast::Expression bits(std::vector<ast::Expression> operands);  // a | b

ast::Syscall call(const std::string& name, std::vector<ast::Expression> arguments,
                  ast::Expression result, std::optional<std::string> errno_name = {});

// Runs prepare/invoke/check; returns the SyscallError text, or "" when the call passed.
std::string failure_of(const ast::Syscall& syscall, SyscallEnvironment& env);

// Records every observer notification as text ("socket 3", "accept 3 4" ...).
class RecordingObserver : public SyscallObserver {
 public:
  void on_socket(int script_fd, int live_fd, int domain, int type, int protocol) override;
  void on_listen(int script_fd) override;
  void on_connect(int script_fd) override;
  void on_disconnect(int script_fd) override;
  void on_accept(int listener_script_fd, int new_script_fd, int new_live_fd) override;
  void on_close(int script_fd) override;
  std::vector<std::string> events;
};

// 127.0.0.1 -> 127.0.0.1, ports 8080, so calls work in a namespace with only lo up.
void use_loopback(SyscallEnvironment& env, IpVersion version = IpVersion::Ipv4);

// Script fd 3 listens on the bind address, 4 connects to it, 5 is the accepted end.
void connect_tcp_pair(SyscallEnvironment& env);

// Why this host cannot run namespace tests (not root, unshare refused), or nothing.
std::optional<std::string> netns_unavailable();

// Runs `body` in a forked child inside a fresh network namespace with lo up; gtest
// failures in the child fail the calling test.
void run_in_netns(const std::function<void()>& body);

#define TCPDRILL_REQUIRE_NETNS()                                        \
  do {                                                                  \
    if (auto why = ::tcpdrill::runtime::testing::netns_unavailable()) { \
      GTEST_SKIP() << *why;                                             \
    }                                                                   \
  } while (false)

}  // namespace tcpdrill::runtime::testing
