#pragma once

#include "parser/source_location.h"

namespace tcpdrill::parser_detail {

// The grammar's location type: where a token or a reduced rule starts and ends.
struct TokenSpan {
  SourceLocation begin;
  SourceLocation end;
};

}  // namespace tcpdrill::parser_detail
