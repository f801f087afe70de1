#include "runtime/preflight_request.h"

#include <algorithm>
#include <regex>
#include <variant>

#include "runtime/script_run.h"

namespace tcpdrill::runtime {
namespace {

void add_once(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

void add_syscall_requirements(const ast::Syscall& syscall, netdev::PreflightRequest& request) {
  if (syscall.name != "setsockopt" || syscall.arguments.size() < 4) return;
  const auto* option = std::get_if<ast::Symbol>(&syscall.arguments[2].value);
  const auto* value = std::get_if<ast::StringLiteral>(&syscall.arguments[3].value);
  if (option != nullptr && value != nullptr && option->name == "TCP_CONGESTION")
    add_once(request.congestion_controls, value->bytes);
}

void add_statements(const std::vector<ast::Statement>& statements, netdev::PreflightRequest& request) {
  for (const ast::Statement& statement : statements) {
    if (const auto* event = std::get_if<ast::Event>(&statement.value)) {
      if (const auto* syscall = std::get_if<ast::Syscall>(&event->action))
        add_syscall_requirements(*syscall, request);
      if (const auto* command = std::get_if<ast::ShellCommand>(&event->action))
        add_command_requirements(command->command, request);
      continue;
    }
    // Every branch of a kernel guard: preflight runs before the kernel is asked which
    // one applies, and a name the host lacks is worth knowing about either way.
    for (const ast::KernelGuardBranch& branch : std::get<Box<ast::KernelGuard>>(statement.value)->branches)
      add_statements(branch.body, request);
  }
}

void add_matches(const std::string& text, const std::regex& pattern, std::vector<std::string>& names) {
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator();
       ++it)
    add_once(names, (*it)[1].str());
}

}  // namespace

void add_command_requirements(const std::string& command, netdev::PreflightRequest& request) {
  static const std::regex assigned(R"(tcp_congestion_control\s*=\s*["']?([A-Za-z0-9_]+))");
  static const std::regex echoed(
      R"(echo\s+["']?([A-Za-z0-9_]+)["']?\s*>\s*\S*/tcp_congestion_control\b)");
  static const std::regex qdisc(
      R"(\btc\s+qdisc\s+(?:add|replace|change)\s[^\n;|&]*?\broot\s+(?:handle\s+\S+\s+)?([A-Za-z_][A-Za-z0-9_]*))");
  // Tools a host may lack, where they stand as a command: at the start or after ; & | (.
  static const std::regex optional_tool(R"((?:^|[;&|(`]|\n)\s*(nft|iptables|ip6tables|conntrack)(?=[\s;&|)`]|$))");
  // std::regex recurses once per character a repetition takes and overflows the stack
  // at about 100 kB, so the command is scanned in pieces cut where none of these patterns
  // continues, and a piece longer than any real command line is passed over.
  constexpr std::size_t kLongestPiece = 4096;
  for (std::size_t start = 0; start < command.size();) {
    const std::size_t end = std::min(command.find_first_of("\n;|&", start), command.size());
    if (end - start <= kLongestPiece) {
      const std::string piece = command.substr(start, end - start);
      add_matches(piece, assigned, request.congestion_controls);
      add_matches(piece, echoed, request.congestion_controls);
      add_matches(piece, qdisc, request.qdisc_kinds);
      add_matches(piece, optional_tool, request.programs);
    }
    start = end + 1;
  }
}

netdev::PreflightRequest preflight_request(const ast::Script& script) {
  netdev::PreflightRequest request;
  if (script.init_command) add_command_requirements(script.init_command->command, request);
  add_statements(script.statements, request);
  if (script.cleanup_command) add_command_requirements(script.cleanup_command->command, request);
  return request;
}

std::vector<std::string> unmet_requirements(const ast::Script& script, const RunConfig& config) {
  netdev::PreflightRequest request = preflight_request(script);
  for (const std::string& command : config.init_scripts) add_command_requirements(command, request);
  return netdev::Preflight().check_requirements(request);
}

}  // namespace tcpdrill::runtime
