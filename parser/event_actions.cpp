#include "event_actions.h"

#include "errno_names.h"
#include "number_conversion.h"

namespace tcpdrill::parser_detail {

namespace {

bool is_outbound_packet(const EventAction& action) {
  const auto* packet = std::get_if<ast::Packet>(&action.action);
  return packet != nullptr && packet->direction == ast::Direction::Outbound;
}

}  // namespace

void append_event(std::vector<ast::Statement>& statements, SourceLocation where,
                  ast::TimeSpec time, EventAction action, const ParseContext& context) {
  if (!is_outbound_packet(action)) {
    if (time.kind == ast::TimeSpec::Kind::Any) {
      context.fail(where, "event time <star> can only be used with outbound packets");
    }
    if (time.range_end_usecs) {
      context.fail(where, "event time range can only be used with outbound packets");
    }
  }
  if (action.blocking_end_usecs) {
    if (*action.blocking_end_usecs < time.usecs) {
      context.fail(where, "blocking system call ends before it starts");
    }
    time.blocking_end_usecs = action.blocking_end_usecs;
  }
  // Built where it will stay: an event holds a whole packet, and moving one is not free.
  ast::Event& event = std::get<ast::Event>(statements.emplace_back().value);
  event.location = where;
  event.time = time;
  event.action = std::move(action.action);
}

std::vector<ast::Statement> take_statements_from(std::vector<ast::Statement>& statements,
                                                 size_t first) {
  std::vector<ast::Statement> taken(std::make_move_iterator(statements.begin() + first),
                                    std::make_move_iterator(statements.end()));
  statements.erase(statements.begin() + first, statements.end());
  return taken;
}

void check_time_range(const ast::TimeSpec& time, SourceLocation end_location,
                      const ParseContext& context) {
  if (time.range_end_usecs && *time.range_end_usecs < time.usecs) {
    context.fail(end_location, "time range is backwards");
  }
}

void expect_word(std::string_view word, const char* expected, SourceLocation where,
                 const ParseContext& context) {
  if (word != expected) {
    context.fail(where, "expected '" + std::string(expected) + "', got '" + std::string(word) + "'");
  }
}

void check_errno_name(const std::string& name, SourceLocation where, const ParseContext& context) {
  if (!is_known_errno_name(name)) context.fail(where, "unknown errno name '" + name + "'");
}

void apply_define_option(const ast::OptionSetting& option, ParseContext& context) {
  if (option.name != "define" || !option.value) return;
  size_t equals = option.value->find('=');
  if (equals == std::string::npos || equals == 0) {
    context.fail(option.location, "--define needs NAME=VALUE");
  }
  context.define_in_script(option.value->substr(0, equals), option.value->substr(equals + 1));
}

ast::KernelVersion parse_guard_version(std::string_view text, SourceLocation where,
                                       const ParseContext& context) {
  uint32_t parts[3] = {0, 0, 0};
  size_t count = 0;
  while (count < 3) {
    size_t dot = text.find('.');
    std::string_view digits = text.substr(0, dot);
    if (digits.empty()) context.fail(where, "kernel version must be MAJOR.MINOR[.PATCH]");
    parts[count++] = check_range(parse_integer(digits, where, context), 0, UINT32_MAX, where,
                                 context, "kernel version number out of range");
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return ast::KernelVersion{parts[0], parts[1], parts[2]};
}

}  // namespace tcpdrill::parser_detail
