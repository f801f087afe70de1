#pragma once

// Everything the grammar's actions call, so that script_grammar.yy stays a grammar.
#include "assert_expression_parser.h"
#include "event_actions.h"
#include "expression_actions.h"
#include "number_conversion.h"
#include "packet_actions.h"
#include "packet_checks.h"
#include "start_list.h"
#include "tcp_flags.h"
#include "tcp_option_actions.h"
