// Any byte string must either parse or fail with one ScriptError that has a position:
// no crash, no hang, no other exception, no sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parser/diagnostic.h"
#include "parser/kernel_guard.h"
#include "parser/script_parser.h"

namespace {

// One define of each kind the lexer substitutes, so that the fuzzer reaches them
// (fuzz/pkt.dict names them).
const tcpdrill::Defines kDefines = {
    {"FUZZ_INT", "0x10"},
    {"FUZZ_STRING", "\"s\\x41\""},
    {"FUZZ_COMMAND", "`true`"},
    {"FUZZ_WORD", "SOL_TCP"},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    tcpdrill::ast::Script script = tcpdrill::parse_script("fuzz.pkt", text, kDefines);
    for (const tcpdrill::ast::KernelVersion& kernel :
         {tcpdrill::ast::KernelVersion{4, 19, 0}, tcpdrill::ast::KernelVersion{6, 8, 0}}) {
      tcpdrill::select_events(script, kernel);
    }
  } catch (const tcpdrill::ScriptError& error) {
    if (error.where().line == 0 || error.where().column == 0) __builtin_trap();
    tcpdrill::format_diagnostic(error, text);
  }
  return 0;
}
