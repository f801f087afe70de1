#include "runtime/syscall/call_arguments.h"

#include <arpa/inet.h>

#include <climits>

#include "runtime/syscall/symbol_table.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

[[noreturn]] void bad_type(const ast::Expression& expression, std::string_view expected) {
  throw SyscallError("Bad type; actual: " + expression_type_name(expression) +
                     " expected: " + std::string(expected));
}

int64_t evaluate_function(const ast::FunctionCall& call, const ast::Expression& whole) {
  if (call.arguments.size() != 1) {
    throw SyscallError(call.name + "() takes 1 argument but got " +
                       std::to_string(call.arguments.size()));
  }
  const ast::Expression& argument = call.arguments.front();
  if (call.name == "inet_addr") {
    in_addr address{};
    const std::string& text = expect_string(argument);
    if (inet_pton(AF_INET, text.c_str(), &address) != 1) {
      throw SyscallError("bad IPv4 address in inet_addr(): '" + text + "'");
    }
    return address.s_addr;
  }
  const int64_t value = evaluate_integer(argument);
  if (call.name == "htons" || call.name == "ntohs") {
    if (value < 0 || value > 0xffff) {
      throw SyscallError("Value out of range for 16-bit integer: " + std::to_string(value));
    }
    return htons(static_cast<uint16_t>(value));
  }
  if (call.name == "htonl" || call.name == "ntohl") {
    return htonl(static_cast<uint32_t>(value));
  }
  bad_type(whole, "integer");
}

// What a brace list stands for, told by its first field, as packetdrill's types name it.
std::string list_type_name(const ast::ExpressionList& list) {
  const auto has = [&list](std::string_view name) { return find_field(list, name) != nullptr; };
  if (has("sin6_port") || has("sin6_addr")) return "sockaddr_in6";
  if (has("sa_family") || has("sin_port") || has("sin_addr")) return "sockaddr_in";
  if (has("onoff")) return "linger";
  if (has("msg_iov") || has("msg_name") || has("msg_control")) return "msghdr";
  if (has("cmsg_level")) return "cmsg";
  if (has("scm_sec")) return "scm_timestamping";
  if (has("ee_errno")) return "sock_extended_err";
  const auto* first =
      list.elements.empty() ? nullptr : std::get_if<ast::NamedField>(&list.elements[0].value);
  if (has("revents") || (first != nullptr && first->name == "fd" && has("events"))) {
    return "pollfd";
  }
  if (has("events")) return "epollev";
  return "list";
}

}  // namespace

std::string expression_type_name(const ast::Expression& expression) {
  struct Namer {
    std::string operator()(const ast::Ellipsis&) const { return "ellipsis"; }
    std::string operator()(const ast::IntegerLiteral&) const { return "integer"; }
    std::string operator()(const ast::Symbol&) const { return "integer"; }
    std::string operator()(const ast::StringLiteral&) const { return "string"; }
    std::string operator()(const ast::BitwiseOr&) const { return "integer"; }
    std::string operator()(const ast::ExpressionList& list) const { return list_type_name(list); }
    std::string operator()(const ast::NamedField& field) const { return field.name + "=..."; }
    std::string operator()(const ast::FunctionCall& call) const {
      return call.name == "inet6_addr" ? "in6_addr" : "integer";
    }
    std::string operator()(const ast::MplsLabelStack&) const { return "mpls_stack"; }
    std::string operator()(const ast::GreHeader&) const { return "gre"; }
  };
  return std::visit(Namer{}, expression.value);
}

bool is_ellipsis(const ast::Expression& expression) {
  return std::holds_alternative<ast::Ellipsis>(expression.value);
}

int64_t evaluate_integer(const ast::Expression& expression) {
  if (const auto* literal = std::get_if<ast::IntegerLiteral>(&expression.value)) {
    return literal->value;
  }
  if (const auto* symbol = std::get_if<ast::Symbol>(&expression.value)) {
    return SymbolTable::linux_symbols().resolve(symbol->name);
  }
  if (const auto* bitwise_or = std::get_if<ast::BitwiseOr>(&expression.value)) {
    int64_t value = 0;
    for (const ast::Expression& operand : bitwise_or->operands) value |= evaluate_integer(operand);
    return value;
  }
  if (const auto* call = std::get_if<ast::FunctionCall>(&expression.value)) {
    return evaluate_function(*call, expression);
  }
  bad_type(expression, "integer");
}

int32_t evaluate_s32(const ast::Expression& expression) {
  const int64_t value = evaluate_integer(expression);
  if (value > static_cast<int64_t>(UINT_MAX) || value < INT_MIN) {
    throw SyscallError("Value out of range for 32-bit integer: " + std::to_string(value));
  }
  return static_cast<int32_t>(value);
}

const ast::ExpressionList& expect_list(const ast::Expression& expression) {
  if (const auto* list = std::get_if<ast::ExpressionList>(&expression.value)) return *list;
  bad_type(expression, "list");
}

const std::string& expect_string(const ast::Expression& expression) {
  if (const auto* text = std::get_if<ast::StringLiteral>(&expression.value)) return text->bytes;
  bad_type(expression, "string");
}

int64_t evaluate_bracketed_integer(const ast::Expression& expression) {
  const ast::ExpressionList& list = expect_list(expression);
  if (list.elements.size() != 1) {
    throw SyscallError("Expected [<element>] but got multiple elements");
  }
  return evaluate_integer(list.elements.front());
}

const ast::NamedField* find_field(const ast::ExpressionList& list, std::string_view name) {
  for (const ast::Expression& element : list.elements) {
    const auto* field = std::get_if<ast::NamedField>(&element.value);
    if (field != nullptr && field->name == name) return field;
  }
  return nullptr;
}

void CallArguments::expect_count(std::size_t expected) const {
  if (count() != expected) {
    throw SyscallError("Expected " + std::to_string(expected) + " args but got " +
                       std::to_string(count()));
  }
}

const ast::Expression& CallArguments::at(std::size_t index) const {
  if (index >= count()) throw SyscallError("Argument list too short");
  return syscall_.arguments[index];
}

bool CallArguments::is_ellipsis(std::size_t index) const { return runtime::is_ellipsis(at(index)); }

void CallArguments::expect_ellipsis(std::size_t index) const {
  if (!is_ellipsis(index)) bad_type(at(index), "ellipsis");
}

int32_t CallArguments::s32(std::size_t index) const { return evaluate_s32(at(index)); }

int64_t CallArguments::s64(std::size_t index) const { return evaluate_integer(at(index)); }

int CallArguments::live_fd(std::size_t index) const { return env_.fds.live_fd(script_fd(index)); }

bool CallArguments::buffer_wanted(std::size_t index) const {
  const ast::Expression& expression = at(index);
  if (runtime::is_ellipsis(expression)) return true;
  const auto* symbol = std::get_if<ast::Symbol>(&expression.value);
  const auto* literal = std::get_if<ast::IntegerLiteral>(&expression.value);
  if ((literal != nullptr && literal->value == 0) ||
      (symbol != nullptr && symbol->name == "NULL")) {
    return false;
  }
  throw SyscallError("Expected ... or NULL for buffer");
}

}  // namespace tcpdrill::runtime
