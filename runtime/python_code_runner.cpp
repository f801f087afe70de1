#include "runtime/python_code_runner.h"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "netdev/child_process.h"
#include "netdev/unique_fd.h"
#include "runtime/shell_command.h"

namespace tcpdrill::runtime {
namespace {

// A file in /tmp that exists as long as this object.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& contents) {
    char name[] = "/tmp/tcpdrill_code_XXXXXX.py";
    netdev::UniqueFd fd(mkstemps(name, 3));
    if (!fd.valid()) throw std::system_error(errno, std::generic_category(), "mkstemps");
    path_ = name;
    size_t written = 0;
    while (written < contents.size()) {
      const ssize_t n = write(fd.get(), contents.data() + written, contents.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path_);
      written += static_cast<size_t>(n);
    }
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() { unlink(path_.c_str()); }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string indented(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += "\n  " + text.substr(start, end - start);
    start = end + 1;
  }
  return out;
}

}  // namespace

std::optional<ScriptError> run_python_code(const PythonCodeFile& code, const std::string& script_path,
                                           const std::string& code_command,
                                           const std::filesystem::path& directory, bool verbose,
                                           std::ostream& log) {
  const TemporaryFile file(code.text());
  const std::string command = code_command + " " + file.path();
  if (verbose) log << code.text() << "running: '" << command << "'\n";
  netdev::ChildProcess interpreter =
      netdev::ChildProcess::shell(command, netdev::ChildOutput::Capture, directory);
  const netdev::ExitStatus status = interpreter.wait();
  log << interpreter.standard_output();
  if (status.success()) return std::nullopt;

  const std::string& errors = interpreter.standard_error();
  if (const uint32_t line = PythonCodeFile::failed_line(errors))
    return ScriptError(script_path, {line, 1}, "error in Python code" + indented(errors));
  return ScriptError(script_path, {},
                     "error executing code: '" + code_command + "' returned " +
                         exit_status_text(status) + indented(errors));
}

}  // namespace tcpdrill::runtime
