#include <gtest/gtest.h>

#include <algorithm>

#include "runner/child_process.h"
#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using testing::TempDir;

ChildOutcome run_tool(std::vector<std::string> argv, const std::filesystem::path& cwd) {
  const CancelSignal cancel;
  ChildRequest request;
  request.argv = std::move(argv);
  request.cwd = cwd;
  request.timeout = std::chrono::seconds(120);
  return run_child(request, cancel);
}

// Configures a throwaway project that calls tcpdrill_add_scripts() and asks CTest which
// tests it registered and how.
TEST(TcpdrillScriptsCmake, RegistersOneTestPerScriptAndApplicableVariant) {
  TempDir dir;
  dir.write("suite/tcp/a.pkt", "");
  dir.write("suite/tcp/b-v6.pkt", "");
  dir.write("suite/tcp/c-v4.pkt", "");
  dir.write("suite/d.pkt", "--ip_version=ipv4-mapped-ipv6\n");
  dir.write("suite/notes.txt", "");
  dir.write("CMakeLists.txt",
            "cmake_minimum_required(VERSION 3.25)\nproject(t NONE)\nenable_testing()\n"
            "include(" TCPDRILL_SOURCE_DIR "/cmake/TcpdrillScripts.cmake)\n"
            "tcpdrill_add_scripts(DIRECTORY suite TCPDRILL /bin/true TIMEOUT 30 ARGS -v)\n"
            "tcpdrill_add_scripts(DIRECTORY suite PREFIX v6only VARIANTS ipv6 TCPDRILL /bin/true)\n");
  const ChildOutcome configure = run_tool({TCPDRILL_CMAKE_COMMAND, "-S", ".", "-B", "build"}, dir.path());
  ASSERT_EQ(configure.exit_code, 0) << configure.standard_output << configure.standard_error;
  const ChildOutcome listed = run_tool({TCPDRILL_CTEST_COMMAND, "--show-only=json-v1"}, dir.path() / "build");
  ASSERT_EQ(listed.exit_code, 0) << listed.standard_error;
  const std::string& json = listed.standard_output;
  const std::vector<std::string> expected{
      "suite/tcp/a.pkt:ipv4", "suite/tcp/a.pkt:ipv6", "suite/tcp/a.pkt:ipv4-mapped-ipv6",
      "suite/tcp/b-v6.pkt:ipv6", "suite/tcp/c-v4.pkt:ipv4", "suite/tcp/c-v4.pkt:ipv4-mapped-ipv6",
      "suite/d.pkt:ipv4-mapped-ipv6", "v6only/tcp/a.pkt:ipv6", "v6only/tcp/b-v6.pkt:ipv6"};
  for (const std::string& name : expected) {
    EXPECT_NE(json.find("\"name\" : \"" + name + "\""), std::string::npos) << name;
  }
  std::size_t tests = 0;
  for (auto at = json.find("\"name\" : \"suite/"); at != std::string::npos; at = json.find("\"name\" : \"suite/", at + 1)) ++tests;
  EXPECT_EQ(tests, 7u);
  EXPECT_EQ(json.find("notes.txt"), std::string::npos);
  EXPECT_NE(json.find("\"SKIP_RETURN_CODE\""), std::string::npos);
  EXPECT_NE(json.find("\"--mapped\""), std::string::npos);
  EXPECT_NE(json.find("\"-v\""), std::string::npos);
}

TEST(TcpdrillScriptsCmake, RejectsUnknownVariants) {
  TempDir dir;
  dir.write("suite/a.pkt", "");
  dir.write("CMakeLists.txt",
            "cmake_minimum_required(VERSION 3.25)\nproject(t NONE)\nenable_testing()\n"
            "include(" TCPDRILL_SOURCE_DIR "/cmake/TcpdrillScripts.cmake)\n"
            "tcpdrill_add_scripts(DIRECTORY suite TCPDRILL /bin/true VARIANTS ipv5)\n");
  const ChildOutcome configure = run_tool({TCPDRILL_CMAKE_COMMAND, "-S", ".", "-B", "build"}, dir.path());
  EXPECT_NE(configure.exit_code, 0);
  EXPECT_NE(configure.standard_error.find("unknown variant 'ipv5'"), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::runner
