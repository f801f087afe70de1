#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parser/source_location.h"
#include "runtime/tcp_info_snapshot.h"

namespace tcpdrill::runtime {

// What a %{ }% event sees of the socket under test, taken at the event's time.
struct CodeSnapshot {
  TcpInfoSnapshot tcp_info;
  std::vector<uint8_t> cc_info;        // TCP_CC_INFO as returned (may be empty)
  std::vector<uint32_t> memory_info;   // SO_MEMINFO as returned

  // Throws std::system_error when TCP_INFO or SO_MEMINFO cannot be read.
  static CodeSnapshot read(int live_fd);
};

// The one Python file packetdrill-style code events add up to: a preamble that reports
// an exception as "file:line: error in Python code", then per snippet the constants,
// the snapshot as `name = value` lines, `_file`/`_line` and the snippet text. It runs
// once, after the script.
class PythonCodeFile {
 public:
  explicit PythonCodeFile(std::string script_path) : script_path_(std::move(script_path)) {}

  void add(SourceLocation where, const std::string& code, const CodeSnapshot& snapshot);
  bool empty() const { return snippets_ == 0; }
  const std::string& text() const { return text_; }

  // The line of the snippet whose failure the preamble reported in `interpreter_stderr`,
  // or 0 when there is no such report (the interpreter failed otherwise).
  static uint32_t failed_line(const std::string& interpreter_stderr);

 private:
  std::string script_path_;
  std::string text_;
  int snippets_ = 0;
};

}  // namespace tcpdrill::runtime
