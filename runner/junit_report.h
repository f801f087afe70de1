#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "runner/run_info.h"
#include "runner/test_result.h"

namespace tcpdrill::runner {

// JUnit XML (`--junit FILE`) in the shape Jenkins, GitLab and GitHub reporters read:
// <testsuites> with one <testsuite> holding run properties and a <testcase> per finished
// case; <failure> (type fail, timeout or flaky; body = full log) or <skipped>, and
// <system-err> with the child's stderr.
void write_junit_report(std::ostream& out, const SuiteResult& suite, const RunInfo& info);

// Escapes text for XML content and attribute values (after sanitize_text).
std::string xml_escape(std::string_view text);

}  // namespace tcpdrill::runner
