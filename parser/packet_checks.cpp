#include "packet_checks.h"

#include <string>

namespace tcpdrill::parser_detail {

namespace {

constexpr size_t kMaxTcpOptionBytes = 40;

// Bytes an option occupies on the wire.
size_t wire_size(const ast::TcpOption& option) {
  using namespace ast::tcp_option;
  struct Size {
    size_t operator()(const Nop&) const { return 1; }
    size_t operator()(const EndOfList&) const { return 1; }
    size_t operator()(const Mss&) const { return 4; }
    size_t operator()(const WindowScale&) const { return 3; }
    size_t operator()(const SackPermitted&) const { return 2; }
    size_t operator()(const Sack& sack) const { return 2 + 8 * sack.blocks.size(); }
    size_t operator()(const Timestamp&) const { return 10; }
    size_t operator()(const Md5& md5) const { return 2 + md5.digest.size(); }
    size_t operator()(const FastOpen& fo) const {
      return (fo.experimental ? 4 : 2) + fo.cookie.size();  // FOEXP carries a 2-byte magic
    }
    size_t operator()(const AccEcn& ecn) const { return 2 + 3 * ecn.counters.size(); }
    size_t operator()(const Generic& generic) const {
      // kind 0 and 1 are single bytes unless the script gives them a length or data
      bool single_byte = generic.kind <= 1 && !generic.length && generic.data.empty();
      return single_byte ? 1 : 2 + generic.data.size();
    }
  };
  return std::visit(Size{}, option);
}

}  // namespace

void check_tcp_option_space(const ast::TcpOptionList& options, SourceLocation where,
                            const ParseContext& context) {
  size_t total = 0;
  for (const ast::TcpOption& option : options.options) total += wire_size(option);
  if (total > kMaxTcpOptionBytes) context.fail(where, "TCP option list too long");
  if (total % 4 != 0) {
    context.fail(where,
                 "TCP options are not padded correctly to ensure TCP header is a multiple of 4 "
                 "bytes: " + std::to_string(total % 4) + " excess bytes");
  }
}

void require_outbound(const ParseContext& context, SourceLocation where, const char* what) {
  if (context.packet_direction != ast::Direction::Outbound) {
    context.fail(where, std::string(what) + " can only be used with outbound packets");
  }
}

void check_payload_length(const ast::Bytes& payload, uint32_t length, SourceLocation where,
                          const ParseContext& context) {
  if (payload.size() != length) {
    context.fail(where, "payload has " + std::to_string(payload.size()) +
                            " bytes but the packet length is " + std::to_string(length));
  }
}

}  // namespace tcpdrill::parser_detail
