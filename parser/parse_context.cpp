#include "parse_context.h"

#include "parser/script_error.h"

namespace tcpdrill::parser_detail {

ParseContext::ParseContext(std::string path, std::string_view text,
                           const Defines& command_line_defines)
    : path_(std::move(path)), text_(text), command_line_defines_(command_line_defines) {}

const std::string* ParseContext::find_define(std::string_view word) const {
  if (command_line_defines_.empty() && script_defines_.empty()) return nullptr;
  std::string name(word);
  if (auto it = command_line_defines_.find(name); it != command_line_defines_.end()) {
    return &it->second;
  }
  if (auto it = script_defines_.find(name); it != script_defines_.end()) return &it->second;
  return nullptr;
}

void ParseContext::define_in_script(const std::string& name, const std::string& value) {
  script_defines_[name] = value;
}

std::string_view ParseContext::keep_text(std::string text) {
  return kept_texts_.emplace_back(std::move(text));
}

void ParseContext::fail(SourceLocation where, const std::string& message) const {
  throw ScriptError(path_, where, message);
}

}  // namespace tcpdrill::parser_detail
