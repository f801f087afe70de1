#pragma once

#include <string_view>
#include <vector>

#include "parser/ast_event.h"

namespace tcpdrill {

// "6.1.0-47-cloud-amd64" -> {6, 1, 0}. Throws std::invalid_argument when no
// leading major.minor can be read.
ast::KernelVersion parse_kernel_release(std::string_view release);

bool kernel_matches(const ast::KernelPredicate& predicate, const ast::KernelVersion& kernel);

// The events a kernel runs: the script's statements with each @if/@elif/@else
// replaced by the body of its first branch whose condition holds.
std::vector<const ast::Event*> select_events(const ast::Script& script,
                                             const ast::KernelVersion& kernel);

}  // namespace tcpdrill
