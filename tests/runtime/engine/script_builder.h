#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "parser/ast_event.h"

namespace tcpdrill::runtime::test {

// Builds ast::Script values the way the parser would, so engine tests need no parser.
// Every event gets the next line number (the first event is line 1).
ast::Expression number(int64_t value);
ast::Expression symbol(const std::string& name);
ast::Expression ellipsis();
ast::Expression text(const std::string& bytes);
ast::Expression int_list(int64_t value);  // [value]

ast::TimeSpec at(double seconds);
ast::TimeSpec after(double seconds);       // +seconds
ast::TimeSpec after_blocking(double start, double end);  // +start...end
ast::TimeSpec any_time();                  // *

ast::Syscall call(const std::string& name, std::vector<ast::Expression> arguments, int64_t result,
                  std::optional<std::string> errno_name = std::nullopt);
// socket(..., SOCK_STREAM, IPPROTO_TCP) = 3, the first call of most scripts.
ast::Syscall tcp_socket();

// packetdrill flag letters: "S", "S.", ".", "P.", "F.", "R."
ast::Packet tcp(ast::Direction direction, const std::string& flags, uint32_t start, uint32_t length,
                std::optional<uint32_t> ack, std::optional<uint16_t> window,
                std::vector<ast::TcpOption> options = {});
ast::Packet tcp_any_options(ast::Direction direction, const std::string& flags, uint32_t start,
                            uint32_t length, std::optional<uint32_t> ack);

// assert NAME OP VALUE, e.g. assertion("tcpi_snd_cwnd", ast::AssertOperator::Equal, 10).
ast::Assertion assertion(const std::string& name, ast::AssertOperator op, int64_t value,
                         const std::string& written);

class ScriptBuilder {
 public:
  explicit ScriptBuilder(std::string path = "test.pkt") { script_.path = std::move(path); }

  ScriptBuilder& event(ast::TimeSpec time, ast::Syscall syscall);
  ScriptBuilder& event(ast::TimeSpec time, ast::Packet packet);
  ScriptBuilder& command(ast::TimeSpec time, const std::string& command);
  ScriptBuilder& code(ast::TimeSpec time, const std::string& code);
  ScriptBuilder& check(ast::TimeSpec time, ast::Assertion assertion);
  ScriptBuilder& init_command(const std::string& command);
  ScriptBuilder& cleanup_command(const std::string& command);

  // The passive opening most tests share (lines 1-8): socket, SO_REUSEADDR, bind,
  // listen, SYN in, SYN-ACK out, ACK in, accept() = 4.
  ScriptBuilder& passive_open();

  uint32_t next_line() const { return line_; }
  ast::Script build() const { return script_; }

 private:
  ScriptBuilder& add(ast::TimeSpec time, decltype(ast::Event::action) action);

  ast::Script script_;
  uint32_t line_ = 1;
};

}  // namespace tcpdrill::runtime::test
