#include "tcp_option_actions.h"

namespace tcpdrill::parser_detail {

ast::tcp_option::AccEcn make_accecn(uint8_t order, std::vector<std::optional<int64_t>> counters,
                                    SourceLocation where, const ParseContext& context) {
  ast::tcp_option::AccEcn option;
  option.order = order;
  constexpr int64_t kMax24Bits = (1 << 24) - 1;
  for (const std::optional<int64_t>& counter : counters) {
    if (!counter) {
      option.counters.push_back(std::nullopt);
      continue;
    }
    option.counters.push_back(static_cast<uint32_t>(
        check_range(*counter, 0, kMax24Bits, where, context, "TCP AccECN field value out of range")));
  }
  return option;
}

ast::tcp_option::Generic make_generic_option(std::string_view keyword, SourceLocation keyword_at,
                                             int64_t kind, SourceLocation kind_at,
                                             std::optional<int64_t> length, ast::Bytes data,
                                             const ParseContext& context) {
  if (keyword != "kind") unknown_tcp_option(keyword, keyword_at, context);
  ast::tcp_option::Generic option;
  option.kind = static_cast<uint8_t>(
      check_range(kind, 0, UINT8_MAX, kind_at, context, "TCP option kind out of range"));
  if (length) option.length = static_cast<uint8_t>(*length);
  option.data = std::move(data);
  return option;
}

void unknown_tcp_option(std::string_view name, SourceLocation where,
                        const ParseContext& context) {
  if (name == "kind") context.fail(where, "TCP option 'kind' needs a kind number");
  context.fail(where, "unknown TCP option '" + std::string(name) + "'");
}

}  // namespace tcpdrill::parser_detail
