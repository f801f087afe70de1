#pragma once

#include <string_view>
#include <vector>

#include "grammar_values.h"
#include "parse_context.h"

namespace tcpdrill::parser_detail {

// Joins a time and an action into an event at the end of `statements`, enforcing
// packetdrill's rules on `*` and time ranges (outbound packets only) and on blocking end
// times.
void append_event(std::vector<ast::Statement>& statements, SourceLocation where,
                  ast::TimeSpec time, EventAction action, const ParseContext& context);

// Moves statements[first...] out into a list of their own.
std::vector<ast::Statement> take_statements_from(std::vector<ast::Statement>& statements,
                                                 size_t first);

// A~B and +A~+B with B < A.
void check_time_range(const ast::TimeSpec& time, SourceLocation end_location,
                      const ParseContext& context);

// Words the grammar reads as WORD but that must be one specific word here (`len` in a
// generic option, `kernel` in a guard): reserving them would take them from scripts.
void expect_word(std::string_view word, const char* expected, SourceLocation where,
                 const ParseContext& context);

void check_errno_name(const std::string& name, SourceLocation where, const ParseContext& context);

// `--define=NAME=VALUE` in a script defines NAME for the rest of the script.
void apply_define_option(const ast::OptionSetting& option, ParseContext& context);

// "6.5" or "5.10.3" in an @if condition.
ast::KernelVersion parse_guard_version(std::string_view text, SourceLocation where,
                                       const ParseContext& context);

}  // namespace tcpdrill::parser_detail
