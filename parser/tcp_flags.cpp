#include "tcp_flags.h"

#include <string>

namespace tcpdrill::parser_detail {

ast::TcpFlags parse_tcp_flags(std::string_view text, SourceLocation where,
                              const ParseContext& context) {
  ast::TcpFlags flags;
  bool saw_digit = false;
  bool saw_ace_bit_letter = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    SourceLocation at{where.line, where.column + static_cast<uint32_t>(i)};
    auto conflict = [&] { context.fail(at, std::string("Conflicting TCP flag: '") + c + "'"); };
    switch (c) {
      case 'F': flags.fin = true; break;
      case 'S': flags.syn = true; break;
      case 'R': flags.rst = true; break;
      case 'P': flags.psh = true; break;
      case '.': flags.ack = true; break;
      case 'U': flags.urg = true; break;
      case 'E':
      case 'W':
      case 'A':
        if (saw_digit) conflict();
        saw_ace_bit_letter = true;
        (c == 'E' ? flags.ece : c == 'W' ? flags.cwr : flags.ae) = true;
        break;
      default:
        if (c < '0' || c > '7') {
          context.fail(at, std::string("Invalid TCP flag: '") + c + "'");
        }
        if (saw_digit || saw_ace_bit_letter) conflict();
        saw_digit = true;
        // ACE 0 means "no ACE": the individual bits (all clear) are compared instead.
        if (c != '0') flags.ace = static_cast<uint8_t>(c - '0');
    }
  }
  return flags;
}

}  // namespace tcpdrill::parser_detail
