#include "timeline_checks.h"

#include <algorithm>
#include <string>
#include <vector>

namespace tcpdrill::parser_detail {

namespace {

// Where a path through the script stands after its latest event.
struct TimelineState {
  bool started = false;
  bool previous_absolute = false;
  int64_t previous_usecs = 0;
  friend auto operator<=>(const TimelineState&, const TimelineState&) = default;
};

// All the states the guards' paths can be in; identical states are merged so that
// a long series of guards does not multiply the work.
using TimelineStates = std::vector<TimelineState>;

void merge_duplicates(TimelineStates& states) {
  std::sort(states.begin(), states.end());
  states.erase(std::unique(states.begin(), states.end()), states.end());
}

TimelineState advance(TimelineState state, const ast::Event& event, const ParseContext& context) {
  bool absolute = event.time.kind == ast::TimeSpec::Kind::Absolute;
  if (!state.started && event.time.usecs != 0) {
    context.fail(event.location, "first event should be at time 0");
  }
  if (state.started && state.previous_absolute && absolute && event.time.usecs < state.previous_usecs) {
    context.fail(event.location, "time goes backward in script from " +
                                     std::to_string(state.previous_usecs) + " usec to " +
                                     std::to_string(event.time.usecs) + " usec");
  }
  return TimelineState{true, absolute, event.time.usecs};
}

TimelineStates walk(const std::vector<ast::Statement>& statements, TimelineStates states,
                    const ParseContext& context) {
  for (const ast::Statement& statement : statements) {
    if (const auto* event = std::get_if<ast::Event>(&statement.value)) {
      for (TimelineState& state : states) state = advance(state, *event, context);
    } else {
      const ast::KernelGuard& guard = *std::get<Box<ast::KernelGuard>>(statement.value);
      TimelineStates after;
      bool has_else = false;
      for (const ast::KernelGuardBranch& branch : guard.branches) {
        has_else = has_else || !branch.condition;
        TimelineStates branch_states = walk(branch.body, states, context);
        after.insert(after.end(), branch_states.begin(), branch_states.end());
      }
      if (!has_else) after.insert(after.end(), states.begin(), states.end());
      states = std::move(after);
    }
    merge_duplicates(states);
  }
  return states;
}

}  // namespace

void check_timeline(const ast::Script& script, const ParseContext& context) {
  walk(script.statements, TimelineStates{TimelineState{}}, context);
}

}  // namespace tcpdrill::parser_detail
