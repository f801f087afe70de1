#pragma once

#include <string_view>

namespace tcpdrill::parser_detail {

// Whether `name` is a Linux errno name (EAGAIN, EWOULDBLOCK, ...). The check is by name
// only: the runtime maps names to the numbers of the kernel it runs on.
bool is_known_errno_name(std::string_view name);

}  // namespace tcpdrill::parser_detail
