#pragma once

#include <string>

#include "parser/ast_packet.h"

namespace tcpdrill::codec {

// Script notation of one option (`mss 1460`, `TS val 1 ecr 0`, `kind 30 len 4 0x1122`)
// and of a list joined by commas, without the angle brackets. Wildcards print as `*`.
std::string format_tcp_option(const ast::TcpOption& option);
std::string format_tcp_options(const ast::TcpOptionList& options);

}  // namespace tcpdrill::codec
