#include "assert_expression_parser.h"

#include <cctype>
#include <string>

#include "number_conversion.h"

namespace tcpdrill::parser_detail {

namespace {

using ast::AssertExpression;
using ast::AssertOperator;

struct BinaryOperator {
  std::string_view spelling;
  AssertOperator op;
  int precedence;  // higher binds tighter
};

// Two-character spellings first so that "<=" is not read as "<".
constexpr BinaryOperator kBinaryOperators[] = {
    {"||", AssertOperator::LogicalOr, 1},   {"&&", AssertOperator::LogicalAnd, 2},
    {"==", AssertOperator::Equal, 3},       {"!=", AssertOperator::NotEqual, 3},
    {"<=", AssertOperator::LessEqual, 4},   {">=", AssertOperator::GreaterEqual, 4},
    {"<", AssertOperator::Less, 4},         {">", AssertOperator::Greater, 4},
    {"+", AssertOperator::Add, 5},          {"-", AssertOperator::Subtract, 5},
    {"*", AssertOperator::Multiply, 6},     {"/", AssertOperator::Divide, 6},
    {"%", AssertOperator::Modulo, 6},
};

// Bounds that keep the tree shallow enough to copy and destroy recursively.
constexpr int kMaxNesting = 64;
constexpr int kMaxOperators = 256;

class AssertionParser {
 public:
  AssertionParser(std::string_view text, SourceLocation where, const ParseContext& context)
      : text_(text), where_(where), context_(context) {}

  AssertExpression parse() {
    skip_blanks();
    if (at_end()) fail("assertion needs a condition");
    AssertExpression condition = parse_binary(1, 0);
    skip_blanks();
    if (!at_end()) fail("unexpected '" + std::string(1, text_[pos_]) + "' in assertion");
    return condition;
  }

 private:
  AssertExpression parse_binary(int min_precedence, int depth) {
    AssertExpression left = parse_unary(depth);
    while (const BinaryOperator* op = peek_binary_operator()) {
      if (op->precedence < min_precedence) break;
      if (++operator_count_ > kMaxOperators) fail("assertion has too many operators");
      SourceLocation at = location();
      pos_ += op->spelling.size();
      AssertExpression right = parse_binary(op->precedence + 1, depth + 1);
      left = AssertExpression{at, ast::AssertBinary{op->op, std::move(left), std::move(right)}};
    }
    return left;
  }

  AssertExpression parse_unary(int depth) {
    if (depth > kMaxNesting) fail("assertion is nested too deeply");
    skip_blanks();
    SourceLocation at = location();
    if (at_end()) fail("assertion ends where a value is expected");
    char c = text_[pos_];
    if ((c == '!' && next_char() != '=') || c == '-') {
      ++pos_;
      auto op = c == '!' ? ast::AssertUnary::Operator::Not : ast::AssertUnary::Operator::Negate;
      return AssertExpression{at, ast::AssertUnary{op, parse_unary(depth + 1)}};
    }
    if (c == '(') {
      ++pos_;
      AssertExpression inner = parse_binary(1, depth + 1);
      skip_blanks();
      if (at_end() || text_[pos_] != ')') fail("expected ')' in assertion");
      ++pos_;
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      std::string_view literal = take_while_word_char();
      return AssertExpression{at, parse_integer(literal, at, context_)};
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      return AssertExpression{at, std::string(take_while_word_char())};
    }
    fail("unexpected '" + std::string(1, c) + "' in assertion");
  }

  const BinaryOperator* peek_binary_operator() {
    skip_blanks();
    for (const BinaryOperator& op : kBinaryOperators) {
      if (text_.substr(pos_, op.spelling.size()) == op.spelling) return &op;
    }
    return nullptr;
  }

  std::string_view take_while_word_char() {
    size_t start = pos_;
    while (!at_end() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  void skip_blanks() {
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r')) ++pos_;
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char next_char() const { return pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0'; }

  // The condition is one line, so a column offset is enough.
  SourceLocation location() const {
    return SourceLocation{where_.line, where_.column + static_cast<uint32_t>(pos_)};
  }

  [[noreturn]] void fail(const std::string& message) const { context_.fail(location(), message); }

  std::string_view text_;
  SourceLocation where_;
  const ParseContext& context_;
  size_t pos_ = 0;
  int operator_count_ = 0;
};

}  // namespace

ast::Assertion parse_assertion(std::string_view text, SourceLocation where,
                               const ParseContext& context) {
  return ast::Assertion{AssertionParser(text, where, context).parse(), std::string(text)};
}

}  // namespace tcpdrill::parser_detail
