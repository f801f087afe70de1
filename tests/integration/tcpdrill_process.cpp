#include "tcpdrill_process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tcpdrill::testing {
namespace {

std::string drain(int fd) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  return text;
}

}  // namespace

ProcessOutcome run_tcpdrill(const std::vector<std::string>& arguments, const std::string& directory) {
  return run_tcpdrill_as(TCPDRILL_BINARY, arguments, directory);
}

ProcessOutcome run_tcpdrill_as(const std::string& program_path, const std::vector<std::string>& arguments,
                               const std::string& directory) {
  // Output goes to unlinked temporary files rather than pipes so a chatty child can
  // never block on a full pipe while we wait for it.
  FILE* out_file = std::tmpfile();
  FILE* err_file = std::tmpfile();
  const pid_t child = fork();
  if (child == 0) {
    dup2(fileno(out_file), STDOUT_FILENO);
    dup2(fileno(err_file), STDERR_FILENO);
    if (!directory.empty() && chdir(directory.c_str()) != 0) _exit(127);
    std::vector<char*> argv;
    std::string binary = program_path;
    argv.push_back(binary.data());
    std::vector<std::string> copies = arguments;
    for (auto& argument : copies) argv.push_back(argument.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ProcessOutcome outcome;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  lseek(fileno(out_file), 0, SEEK_SET);
  lseek(fileno(err_file), 0, SEEK_SET);
  outcome.out = drain(fileno(out_file));
  outcome.err = drain(fileno(err_file));
  std::fclose(out_file);
  std::fclose(err_file);
  return outcome;
}

std::vector<std::string> files_with_extension(const std::string& directory,
                                              const std::string& extension) {
  std::vector<std::string> files;
  if (!std::filesystem::is_directory(directory)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool running_as_root_with_tun() { return geteuid() == 0 && access("/dev/net/tun", R_OK | W_OK) == 0; }

}  // namespace tcpdrill::testing
