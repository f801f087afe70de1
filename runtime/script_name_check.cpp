#include "runtime/script_name_check.h"

#include <variant>

#include "parser/script_error.h"
#include "runtime/syscall/prepared_syscall.h"
#include "runtime/syscall/symbol_table.h"
#include "runtime/tcp_info_snapshot.h"

namespace tcpdrill::runtime {
namespace {

class NameChecker {
 public:
  explicit NameChecker(const std::string& path) : path_(path) {}

  void check(const std::vector<ast::Statement>& statements) {
    for (const ast::Statement& statement : statements) {
      if (const auto* event = std::get_if<ast::Event>(&statement.value)) {
        check(*event);
        continue;
      }
      for (const ast::KernelGuardBranch& branch : std::get<Box<ast::KernelGuard>>(statement.value)->branches) {
        check(branch.body);
      }
    }
  }

 private:
  void check(const ast::Event& event) {
    if (const auto* syscall = std::get_if<ast::Syscall>(&event.action)) {
      if (!is_supported_syscall(syscall->name)) {
        throw ScriptError(path_, event.location, "unknown system call: '" + syscall->name + "'");
      }
      for (const ast::Expression& argument : syscall->arguments) check(argument);
      check(syscall->result);
    } else if (const auto* assertion = std::get_if<ast::Assertion>(&event.action)) {
      check(assertion->condition);
    }
  }

  void check(const ast::Expression& expression) {
    if (const auto* symbol = std::get_if<ast::Symbol>(&expression.value)) {
      if (!SymbolTable::linux_symbols().find(symbol->name)) {
        throw ScriptError(path_, expression.location, "unknown symbol: '" + symbol->name + "'");
      }
    } else if (const auto* bitwise_or = std::get_if<ast::BitwiseOr>(&expression.value)) {
      for (const ast::Expression& operand : bitwise_or->operands) check(operand);
    } else if (const auto* list = std::get_if<ast::ExpressionList>(&expression.value)) {
      for (const ast::Expression& element : list->elements) check(element);
    } else if (const auto* field = std::get_if<ast::NamedField>(&expression.value)) {
      check(*field->value);
    } else if (const auto* call = std::get_if<ast::FunctionCall>(&expression.value)) {
      for (const ast::Expression& argument : call->arguments) check(argument);
    }
  }

  void check(const ast::AssertExpression& expression) {
    if (const auto* name = std::get_if<std::string>(&expression.node)) {
      if (find_tcp_info_field(*name) == nullptr && !find_tcp_info_constant(*name)) {
        throw ScriptError(path_, expression.location, "unknown name in assertion: '" + *name + "'");
      }
    } else if (const auto* unary = std::get_if<ast::AssertUnary>(&expression.node)) {
      check(*unary->operand);
    } else if (const auto* binary = std::get_if<ast::AssertBinary>(&expression.node)) {
      check(*binary->left);
      check(*binary->right);
    }
  }

  const std::string& path_;
};

}  // namespace

void check_script_names(const ast::Script& script) { NameChecker(script.path).check(script.statements); }

}  // namespace tcpdrill::runtime
