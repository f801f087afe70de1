#include "runtime/assertion_evaluator.h"

#include <map>

namespace tcpdrill::runtime {
namespace {

using ast::AssertOperator;

// Walks the expression once, remembering every tcp_info field it read so that the
// failure text can show their actual values.
class Evaluator {
 public:
  explicit Evaluator(const TcpInfoSnapshot& info) : info_(info) {}

  int64_t evaluate(const ast::AssertExpression& expression) {
    return std::visit([&](const auto& node) { return evaluate_node(node); }, expression.node);
  }

  const std::map<std::string, int64_t>& fields_read() const { return fields_read_; }

 private:
  int64_t evaluate_node(int64_t literal) { return literal; }

  int64_t evaluate_node(const std::string& name) {
    if (const TcpInfoField* field = find_tcp_info_field(name)) {
      const std::optional<uint64_t> value = info_.value(*field);
      if (!value) throw AssertionError("this kernel's TCP_INFO has no field " + name);
      fields_read_[name] = static_cast<int64_t>(*value);
      return static_cast<int64_t>(*value);
    }
    if (const std::optional<int64_t> constant = find_tcp_info_constant(name)) return *constant;
    throw AssertionError("unknown name in assertion: '" + name + "'");
  }

  int64_t evaluate_node(const ast::AssertUnary& unary) {
    const int64_t operand = evaluate(*unary.operand);
    return unary.op == ast::AssertUnary::Operator::Not ? !operand : -operand;
  }

  int64_t evaluate_node(const ast::AssertBinary& binary) {
    const int64_t left = evaluate(*binary.left);
    if (binary.op == AssertOperator::LogicalAnd && !left) return 0;
    if (binary.op == AssertOperator::LogicalOr && left) return 1;
    const int64_t right = evaluate(*binary.right);
    switch (binary.op) {
      case AssertOperator::LogicalOr:
      case AssertOperator::LogicalAnd: return right != 0;
      case AssertOperator::Equal: return left == right;
      case AssertOperator::NotEqual: return left != right;
      case AssertOperator::Less: return left < right;
      case AssertOperator::LessEqual: return left <= right;
      case AssertOperator::Greater: return left > right;
      case AssertOperator::GreaterEqual: return left >= right;
      case AssertOperator::Add: return left + right;
      case AssertOperator::Subtract: return left - right;
      case AssertOperator::Multiply: return left * right;
      case AssertOperator::Divide:
      case AssertOperator::Modulo:
        if (right == 0) throw AssertionError("division by zero in assertion");
        return binary.op == AssertOperator::Divide ? left / right : left % right;
    }
    return 0;
  }

  const TcpInfoSnapshot& info_;
  std::map<std::string, int64_t> fields_read_;
};

}  // namespace

std::optional<std::string> check_assertion(const ast::Assertion& assertion,
                                           const TcpInfoSnapshot& info) {
  Evaluator evaluator(info);
  if (evaluator.evaluate(assertion.condition) != 0) return std::nullopt;
  std::string text = "assertion failed: " + assertion.text;
  if (!evaluator.fields_read().empty()) {
    std::string values;
    for (const auto& [name, value] : evaluator.fields_read())
      values += (values.empty() ? "" : ", ") + name + " = " + std::to_string(value);
    text += " (" + values + ")";
  }
  return text;
}

}  // namespace tcpdrill::runtime
