#pragma once

#include <cstddef>
#include <string>

namespace tcpdrill::runner::testing {

// Checks against each report format's specification, shared by the report writers'
// unit tests and the integration test of `tcpdrill run` on the real kernel.

// TAP 13: version, plan, test lines numbered from 1 to the plan, YAML blocks (indented,
// between --- and ...), comments and bail out. Reports problems as test failures.
void expect_valid_tap13(const std::string& text, std::size_t expected_tests);

// KTAP as kselftest's ktap_helpers emit it: header, plan, numbered results with SKIP
// and TIMEOUT directives, "#" diagnostics, and a Totals line last.
void expect_valid_ktap(const std::string& text, std::size_t expected_tests);

// The outcome of validating a file with an external validator.
struct SchemaCheck {
  enum class Outcome { Valid, Invalid, ValidatorMissing };
  Outcome outcome = Outcome::Invalid;
  std::string detail;  // the validator's complaint, or what to install
};

// docs/report-schema.json, with python3's jsonschema.
SchemaCheck validate_json_report(const std::string& path);

// The JUnit XSD in tests/runner, with xmllint.
SchemaCheck validate_junit_report(const std::string& path);

}  // namespace tcpdrill::runner::testing
