#include "tests/runtime/syscall/syscall_test_support.h"

#include <gtest/gtest.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <iostream>

#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime::testing {

ast::Expression num(int64_t value) { return {{}, ast::IntegerLiteral{value, false}}; }
ast::Expression sym(const std::string& name) { return {{}, ast::Symbol{name}}; }
ast::Expression str(const std::string& bytes) { return {{}, ast::StringLiteral{bytes}}; }
ast::Expression dots() { return {{}, ast::Ellipsis{}}; }

ast::Expression list(std::vector<ast::Expression> elements) {
  return {{}, ast::ExpressionList{ast::ExpressionList::Bracket::Square, std::move(elements)}};
}

ast::Expression brace(std::vector<ast::Expression> elements) {
  return {{}, ast::ExpressionList{ast::ExpressionList::Bracket::Brace, std::move(elements)}};
}

ast::Expression field(const std::string& name, ast::Expression value) {
  return {{}, ast::NamedField{name, std::nullopt, std::move(value)}};
}

ast::Expression field(const std::string& name, int64_t count, ast::Expression value) {
  return {{}, ast::NamedField{name, count, std::move(value)}};
}

ast::Expression fn(const std::string& name, std::vector<ast::Expression> arguments) {
  return {{}, ast::FunctionCall{name, std::move(arguments)}};
}

ast::Expression bits(std::vector<ast::Expression> operands) {
  return {{}, ast::BitwiseOr{std::move(operands)}};
}

ast::Syscall call(const std::string& name, std::vector<ast::Expression> arguments,
                  ast::Expression result, std::optional<std::string> errno_name) {
  ast::Syscall syscall;
  syscall.name = name;
  syscall.arguments = std::move(arguments);
  syscall.result = std::move(result);
  syscall.errno_name = std::move(errno_name);
  return syscall;
}

std::string failure_of(const ast::Syscall& syscall, SyscallEnvironment& env) {
  try {
    run_syscall(syscall, env);
    return "";
  } catch (const SyscallError& error) {
    return error.what();
  }
}

void RecordingObserver::on_socket(int script_fd, int, int, int, int) {
  events.push_back("socket " + std::to_string(script_fd));
}
void RecordingObserver::on_listen(int script_fd) {
  events.push_back("listen " + std::to_string(script_fd));
}
void RecordingObserver::on_connect(int script_fd) {
  events.push_back("connect " + std::to_string(script_fd));
}
void RecordingObserver::on_disconnect(int script_fd) {
  events.push_back("disconnect " + std::to_string(script_fd));
}
void RecordingObserver::on_accept(int listener_script_fd, int new_script_fd, int) {
  events.push_back("accept " + std::to_string(listener_script_fd) + " " +
                   std::to_string(new_script_fd));
}
void RecordingObserver::on_close(int script_fd) {
  events.push_back("close " + std::to_string(script_fd));
}

void use_loopback(SyscallEnvironment& env, IpVersion version) {
  env.ip_version = version;
  const bool v6 = version == IpVersion::Ipv6;
  env.local_ip = v6 ? "::1" : "127.0.0.1";
  env.remote_ip = env.local_ip;
  env.bind_port = 8080;
  env.connect_port = 8080;
}

void connect_tcp_pair(SyscallEnvironment& env) {
  for (int fd : {3, 4}) {
    ASSERT_EQ(
        failure_of(call("socket", {dots(), sym("SOCK_STREAM"), sym("IPPROTO_TCP")}, num(fd)), env),
        "");
  }
  ASSERT_EQ(failure_of(call("bind", {num(3), dots(), dots()}, num(0)), env), "");
  ASSERT_EQ(failure_of(call("listen", {num(3), num(1)}, num(0)), env), "");
  ASSERT_EQ(failure_of(call("connect", {num(4), dots(), dots()}, num(0)), env), "");
  ASSERT_EQ(failure_of(call("accept", {num(3), dots(), dots()}, num(5)), env), "");
}

namespace {

constexpr int kNoNamespace = 77;

bool bring_loopback_up() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return false;
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  bool ok = ::ioctl(fd, SIOCGIFFLAGS, &request) == 0;
  request.ifr_flags |= IFF_UP;
  ok = ok && ::ioctl(fd, SIOCSIFFLAGS, &request) == 0;
  ::close(fd);
  return ok;
}

int wait_for(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::optional<std::string> netns_unavailable() {
  static const std::optional<std::string> reason = []() -> std::optional<std::string> {
    if (::geteuid() != 0) return "needs root to unshare(CLONE_NEWNET)";
    const pid_t child = ::fork();
    if (child == 0) {
      _exit(::unshare(CLONE_NEWNET) == 0 && bring_loopback_up() ? 0 : kNoNamespace);
    }
    if (child < 0 || wait_for(child) != 0) {
      return "this host refuses a new network namespace with lo up";
    }
    return std::nullopt;
  }();
  return reason;
}

void run_in_netns(const std::function<void()>& body) {
  std::cout.flush();
  const pid_t child = ::fork();
  ASSERT_GE(child, 0) << std::strerror(errno);
  if (child == 0) {
    if (::unshare(CLONE_NEWNET) != 0 || !bring_loopback_up()) _exit(kNoNamespace);
    try {
      body();
    } catch (const std::exception& error) {
      ADD_FAILURE() << "uncaught exception: " << error.what();
    }
    std::cout.flush();
    _exit(::testing::Test::HasFailure() ? 1 : 0);
  }
  const int status = wait_for(child);
  EXPECT_EQ(status, 0) << "the namespace child failed; its failures are printed above";
}

}  // namespace tcpdrill::runtime::testing
