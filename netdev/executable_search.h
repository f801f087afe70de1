#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tcpdrill::netdev {

// The directories a program name is looked up in: $PATH, or the shells' usual default
// when it is unset.
std::string executable_search_path();

// `program` as the shell would run it: a name with a slash as it is, any other name in
// the first directory of `search_path` (colon-separated; an empty entry is the current
// directory) that holds an executable file of that name. nullopt when none does.
std::optional<std::string> find_executable(const std::string& program, std::string_view search_path);

}  // namespace tcpdrill::netdev
