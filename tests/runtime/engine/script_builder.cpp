#include "script_builder.h"

#include <cmath>

#include "../packet/packet_test_support.h"

namespace tcpdrill::runtime::test {
namespace {

int64_t usecs(double seconds) { return std::llround(seconds * 1e6); }

}  // namespace

ast::Expression number(int64_t value) { return {{}, ast::IntegerLiteral{value, false}}; }
ast::Expression symbol(const std::string& name) { return {{}, ast::Symbol{name}}; }
ast::Expression ellipsis() { return {{}, ast::Ellipsis{}}; }
ast::Expression text(const std::string& bytes) { return {{}, ast::StringLiteral{bytes}}; }
ast::Expression int_list(int64_t value) {
  return {{}, ast::ExpressionList{ast::ExpressionList::Bracket::Square, {number(value)}}};
}

ast::TimeSpec at(double seconds) { return {ast::TimeSpec::Kind::Absolute, usecs(seconds), {}, {}}; }
ast::TimeSpec after(double seconds) { return {ast::TimeSpec::Kind::Relative, usecs(seconds), {}, {}}; }
ast::TimeSpec after_blocking(double start, double end) {
  return {ast::TimeSpec::Kind::Relative, usecs(start), {}, usecs(end)};
}
ast::TimeSpec any_time() { return {ast::TimeSpec::Kind::Any, 0, {}, {}}; }

ast::Syscall call(const std::string& name, std::vector<ast::Expression> arguments, int64_t result,
                  std::optional<std::string> errno_name) {
  return {name, std::move(arguments), number(result), std::move(errno_name), {}};
}

ast::Syscall tcp_socket() {
  return call("socket", {ellipsis(), symbol("SOCK_STREAM"), symbol("IPPROTO_TCP")}, 3);
}

ast::Packet tcp(ast::Direction direction, const std::string& flags, uint32_t start, uint32_t length,
                std::optional<uint32_t> ack, std::optional<uint16_t> window,
                std::vector<ast::TcpOption> options) {
  return packet::test::script_tcp(direction, flags, start, length, ack, window, std::move(options));
}

ast::Packet tcp_any_options(ast::Direction direction, const std::string& flags, uint32_t start,
                            uint32_t length, std::optional<uint32_t> ack) {
  ast::Packet packet = tcp(direction, flags, start, length, ack, std::nullopt);
  std::get<ast::TcpSegment>(packet.body).options = ast::AnyTcpOptions{};
  return packet;
}

ast::Assertion assertion(const std::string& name, ast::AssertOperator op, int64_t value,
                         const std::string& written) {
  ast::AssertBinary binary{op, ast::AssertExpression{{}, name}, ast::AssertExpression{{}, value}};
  return {ast::AssertExpression{{}, binary}, written};
}

ScriptBuilder& ScriptBuilder::add(ast::TimeSpec time, decltype(ast::Event::action) action) {
  ast::Event event;
  event.location = {line_++, 1};
  event.time = time;
  event.action = std::move(action);
  script_.statements.push_back({std::move(event)});
  return *this;
}

ScriptBuilder& ScriptBuilder::event(ast::TimeSpec time, ast::Syscall syscall) {
  return add(time, std::move(syscall));
}
ScriptBuilder& ScriptBuilder::event(ast::TimeSpec time, ast::Packet packet) {
  return add(time, std::move(packet));
}
ScriptBuilder& ScriptBuilder::command(ast::TimeSpec time, const std::string& command) {
  return add(time, ast::ShellCommand{command});
}
ScriptBuilder& ScriptBuilder::code(ast::TimeSpec time, const std::string& code) {
  return add(time, ast::CodeBlock{code});
}
ScriptBuilder& ScriptBuilder::check(ast::TimeSpec time, ast::Assertion assertion) {
  return add(time, std::move(assertion));
}
ScriptBuilder& ScriptBuilder::init_command(const std::string& command) {
  script_.init_command = ast::UntimedCommand{{0, 1}, command};
  return *this;
}
ScriptBuilder& ScriptBuilder::cleanup_command(const std::string& command) {
  script_.cleanup_command = ast::UntimedCommand{{line_++, 1}, command};
  return *this;
}

ScriptBuilder& ScriptBuilder::passive_open() {
  using ast::Direction;
  using namespace ast::tcp_option;
  event(at(0), tcp_socket());
  event(after(0), call("setsockopt", {number(3), symbol("SOL_SOCKET"), symbol("SO_REUSEADDR"),
                                      int_list(1), number(4)}, 0));
  event(after(0), call("bind", {number(3), ellipsis(), ellipsis()}, 0));
  event(after(0), call("listen", {number(3), number(1)}, 0));
  event(after(0), tcp(Direction::Inbound, "S", 0, 0, std::nullopt, 32792,
                      {Mss{1000}, SackPermitted{}, Nop{}, Nop{}, Nop{}, WindowScale{7}}));
  event(after(0), tcp_any_options(Direction::Outbound, "S.", 0, 0, 1));
  event(after(0.01), tcp(Direction::Inbound, ".", 1, 0, 1, 257));
  event(after(0), call("accept", {number(3), ellipsis(), ellipsis()}, 4));
  return *this;
}

}  // namespace tcpdrill::runtime::test
