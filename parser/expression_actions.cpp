#include "expression_actions.h"

#include "number_conversion.h"

namespace tcpdrill::parser_detail {

ast::Expression make_integer_literal(std::string_view text, SourceLocation where, bool hex,
                                     const ParseContext& context) {
  return ast::Expression{where, ast::IntegerLiteral{parse_integer(text, where, context), hex}};
}

ast::Expression make_bitwise_or(ast::Expression left, ast::Expression right) {
  if (auto* chain = std::get_if<ast::BitwiseOr>(&left.value)) {
    chain->operands.push_back(std::move(right));
    return left;
  }
  SourceLocation where = left.location;
  ast::BitwiseOr chain;
  chain.operands.push_back(std::move(left));
  chain.operands.push_back(std::move(right));
  return ast::Expression{where, std::move(chain)};
}

ast::Expression make_counted_field(ast::FunctionCall name, SourceLocation where,
                                   ast::Expression value, const ParseContext& context) {
  std::optional<int64_t> count;
  bool valid = name.arguments.size() == 1;
  if (valid) {
    const ast::Expression& argument = name.arguments.front();
    if (const auto* literal = std::get_if<ast::IntegerLiteral>(&argument.value)) {
      count = literal->value;
    } else {
      valid = std::holds_alternative<ast::Ellipsis>(argument.value);
    }
  }
  if (!valid) {
    context.fail(where, "field count of '" + name.name + "' must be one integer or ...");
  }
  return ast::Expression{where, ast::NamedField{std::move(name.name), count, std::move(value)}};
}

}  // namespace tcpdrill::parser_detail
