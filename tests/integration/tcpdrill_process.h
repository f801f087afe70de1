#pragma once

#include <string>
#include <vector>

namespace tcpdrill::testing {

struct ProcessOutcome {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs the tcpdrill binary under test with `arguments` in `directory` (empty: the
// current one) and collects what it printed.
ProcessOutcome run_tcpdrill(const std::vector<std::string>& arguments,
                            const std::string& directory = "");
// The same through another path to it (a symlink under another name), which is also
// the program's argv[0].
ProcessOutcome run_tcpdrill_as(const std::string& program_path, const std::vector<std::string>& arguments,
                               const std::string& directory = "");

std::vector<std::string> files_with_extension(const std::string& directory,
                                              const std::string& extension);

std::string read_text_file(const std::string& path);

bool running_as_root_with_tun();

}  // namespace tcpdrill::testing
