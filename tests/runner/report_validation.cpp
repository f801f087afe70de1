#include "tests/runner/report_validation.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <system_error>
#include <vector>

#include "runner/child_process.h"

namespace tcpdrill::runner::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Exit code the validator scripts use for "a module is missing".
constexpr int kMissingModule = 77;

constexpr const char* kJsonValidator =
    "import json, sys\n"
    "try:\n"
    "    import jsonschema\n"
    "except ImportError:\n"
    "    sys.exit(77)\n"
    "schema = json.load(open(sys.argv[1]))\n"
    "jsonschema.Draft202012Validator.check_schema(schema)\n"
    "jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))\n";

SchemaCheck run_validator(std::vector<std::string> argv, const std::string& install_hint) {
  const CancelSignal cancel;
  ChildRequest request;
  request.argv = std::move(argv);
  ChildOutcome outcome;
  try {
    outcome = run_child(request, cancel);
  } catch (const std::system_error&) {
    return {SchemaCheck::Outcome::ValidatorMissing, install_hint};
  }
  if (outcome.exit_code == kMissingModule) return {SchemaCheck::Outcome::ValidatorMissing, install_hint};
  if (outcome.exit_code != 0) return {SchemaCheck::Outcome::Invalid, outcome.standard_error};
  return {SchemaCheck::Outcome::Valid, ""};
}

}  // namespace

void expect_valid_tap13(const std::string& text, std::size_t expected_tests) {
  const auto lines = lines_of(text);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "TAP version 13");
  static const std::regex kPlan(R"(^1\.\.([0-9]+)$)");
  static const std::regex kTest(R"(^(ok|not ok) ([0-9]+) - [^#]+( # (SKIP|TODO)( .*)?)?$)");
  std::size_t next = 1;
  bool in_yaml = false;
  bool plan_seen = false;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    std::smatch match;
    if (in_yaml) {
      if (line == "  ...") in_yaml = false;
      else EXPECT_EQ(line.rfind("  ", 0), 0u) << "YAML line not indented: " << line;
      continue;
    }
    if (line == "  ---") {
      in_yaml = true;
    } else if (std::regex_match(line, match, kPlan)) {
      EXPECT_FALSE(plan_seen);
      plan_seen = true;
      EXPECT_EQ(std::stoul(match[1]), expected_tests);
    } else if (std::regex_match(line, match, kTest)) {
      EXPECT_EQ(std::stoul(match[2]), next++);
    } else {
      EXPECT_TRUE(line.rfind("#", 0) == 0 || line.rfind("Bail out!", 0) == 0) << "bad TAP line: " << line;
    }
  }
  EXPECT_FALSE(in_yaml);
  EXPECT_TRUE(plan_seen);
  EXPECT_EQ(next - 1, expected_tests);
}

void expect_valid_ktap(const std::string& text, std::size_t expected_tests) {
  const auto lines = lines_of(text);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "TAP version 13");
  EXPECT_EQ(lines[1], "1.." + std::to_string(expected_tests));
  static const std::regex kResult(R"(^(ok|not ok) ([0-9]+) [^#]+( # (SKIP|TIMEOUT) .*)?$)");
  std::size_t next = 1;
  for (std::size_t i = 2; i < lines.size(); ++i) {
    std::smatch match;
    if (std::regex_match(lines[i], match, kResult)) {
      EXPECT_EQ(std::stoul(match[2]), next++);
    } else {
      EXPECT_EQ(lines[i].rfind("# ", 0), 0u) << lines[i];
    }
  }
  EXPECT_EQ(next - 1, expected_tests);
  EXPECT_EQ(lines.back().rfind("# Totals: ", 0), 0u) << lines.back();
}

SchemaCheck validate_json_report(const std::string& path) {
  return run_validator({"python3", "-c", kJsonValidator, TCPDRILL_SOURCE_DIR "/docs/report-schema.json", path},
                       "python3 and its jsonschema module are not installed (apt-get install python3-jsonschema)");
}

SchemaCheck validate_junit_report(const std::string& path) {
  return run_validator({"xmllint", "--noout", "--schema", TCPDRILL_SOURCE_DIR "/tests/runner/junit.xsd", path},
                       "xmllint is not installed (apt-get install libxml2-utils)");
}

}  // namespace tcpdrill::runner::testing
