#pragma once

#include <string>
#include <vector>

namespace tcpdrill::runner::testing {

// Calls a `(int argc, char** argv)` entry point as the CLI would: argv[0] is the
// subcommand name, followed by `args`.
template <typename Entry>
auto call_with_args(Entry entry, std::string subcommand, std::vector<std::string> args) {
  args.insert(args.begin(), std::move(subcommand));
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  return entry(static_cast<int>(argv.size()), argv.data());
}

}  // namespace tcpdrill::runner::testing
