#include "parser/kernel_guard.h"

#include <charconv>
#include <stdexcept>
#include <string>

namespace tcpdrill {

namespace {

// Reads a decimal number at the front of `text` and drops it; false when there is none.
bool take_number(std::string_view& text, uint32_t& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc()) return false;
  text.remove_prefix(end - text.data());
  return true;
}

bool take_dot_and_number(std::string_view& text, uint32_t& value) {
  if (text.empty() || text.front() != '.') return false;
  std::string_view rest = text.substr(1);
  if (!take_number(rest, value)) return false;
  text = rest;
  return true;
}

bool holds(const ast::KernelComparison& comparison, const ast::KernelVersion& kernel) {
  using Op = ast::KernelComparison::Operator;
  switch (comparison.op) {
    case Op::Equal: return kernel == comparison.version;
    case Op::NotEqual: return kernel != comparison.version;
    case Op::Less: return kernel < comparison.version;
    case Op::LessEqual: return kernel <= comparison.version;
    case Op::Greater: return kernel > comparison.version;
    case Op::GreaterEqual: return kernel >= comparison.version;
  }
  return false;
}

void collect_events(const std::vector<ast::Statement>& statements, const ast::KernelVersion& kernel,
                    std::vector<const ast::Event*>& events) {
  for (const ast::Statement& statement : statements) {
    if (const auto* event = std::get_if<ast::Event>(&statement.value)) {
      events.push_back(event);
      continue;
    }
    for (const ast::KernelGuardBranch& branch : std::get<Box<ast::KernelGuard>>(statement.value)->branches) {
      if (!branch.condition || kernel_matches(*branch.condition, kernel)) {
        collect_events(branch.body, kernel, events);
        break;
      }
    }
  }
}

}  // namespace

ast::KernelVersion parse_kernel_release(std::string_view release) {
  ast::KernelVersion version;
  std::string_view rest = release;
  if (!take_number(rest, version.major) || !take_dot_and_number(rest, version.minor)) {
    throw std::invalid_argument("cannot read a kernel version from '" + std::string(release) + "'");
  }
  take_dot_and_number(rest, version.patch);
  return version;
}

bool kernel_matches(const ast::KernelPredicate& predicate, const ast::KernelVersion& kernel) {
  for (const std::vector<ast::KernelComparison>& all_of : predicate.any_of_all_of) {
    bool all_hold = true;
    for (const ast::KernelComparison& comparison : all_of) all_hold = all_hold && holds(comparison, kernel);
    if (all_hold) return true;
  }
  return false;
}

std::vector<const ast::Event*> select_events(const ast::Script& script,
                                             const ast::KernelVersion& kernel) {
  std::vector<const ast::Event*> events;
  collect_events(script.statements, kernel, events);
  return events;
}

}  // namespace tcpdrill
