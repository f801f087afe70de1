// `tcpdrill check` as a user runs it: on the parser's corpus of good and bad scripts
// and on the seed examples from shared/.
#include <gtest/gtest.h>

#include <regex>

#include "tcpdrill_process.h"

namespace tcpdrill::testing {
namespace {

const std::string kGoodCorpus = std::string(TCPDRILL_SOURCE_DIR) + "/tests/parser/scripts/good";
const std::string kBadCorpus = std::string(TCPDRILL_SOURCE_DIR) + "/tests/parser/scripts/bad";
const std::string kExamples = std::string(TCPDRILL_SOURCE_DIR) + "/../shared/examples";

std::string expected_error_of(const std::string& script) {
  const std::string text = read_text_file(script);
  const std::string marker = "// error: ";
  if (text.rfind(marker, 0) != 0) return "";
  return text.substr(marker.size(), text.find('\n') - marker.size());
}

TEST(CheckCommand, AcceptsEveryGoodScriptAndTheSeedExamples) {
  std::vector<std::string> arguments = {"check", "--keep-going"};
  for (const auto& file : files_with_extension(kGoodCorpus, ".pkt")) arguments.push_back(file);
  const auto examples = files_with_extension(kExamples, ".pkt");
  arguments.insert(arguments.end(), examples.begin(), examples.end());
  ASSERT_GT(arguments.size(), 2u) << "no scripts found";
  const ProcessOutcome outcome = run_tcpdrill(arguments);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(outcome.err, "");
}

TEST(CheckCommand, RejectsEveryBadScriptWithItsMessageAndACaret) {
  const auto scripts = files_with_extension(kBadCorpus, ".pkt");
  ASSERT_FALSE(scripts.empty());
  for (const auto& script : scripts) {
    const std::string expected = expected_error_of(script);
    ASSERT_FALSE(expected.empty()) << script << " lacks its '// error: ' first line";
    const ProcessOutcome outcome = run_tcpdrill({"check", script});
    EXPECT_EQ(outcome.exit_code, 1) << script;
    const std::regex header("^" + std::regex_replace(script, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                            R"(:\d+:\d+: error: .*)");
    const std::string first_line = outcome.err.substr(0, outcome.err.find('\n'));
    EXPECT_TRUE(std::regex_match(first_line, header)) << script << "\n" << outcome.err;
    EXPECT_NE(first_line.find(expected), std::string::npos) << script << "\n" << outcome.err;
    EXPECT_NE(outcome.err.find('^'), std::string::npos) << "no caret for " << script;
  }
}

TEST(CheckCommand, StopsAtTheFirstBadFileUnlessKeepGoing) {
  const auto bad = files_with_extension(kBadCorpus, ".pkt");
  ASSERT_GE(bad.size(), 2u);
  const ProcessOutcome stop = run_tcpdrill({"check", bad[0], bad[1]});
  const ProcessOutcome keep_going = run_tcpdrill({"check", "--keep-going", bad[0], bad[1]});
  EXPECT_EQ(stop.exit_code, 1);
  EXPECT_EQ(keep_going.exit_code, 1);
  EXPECT_EQ(stop.err.find(bad[1] + ":"), std::string::npos);
  EXPECT_NE(keep_going.err.find(bad[1] + ":"), std::string::npos);
}

TEST(CheckCommand, MissingFileIsOneClearError) {
  const ProcessOutcome outcome = run_tcpdrill({"check", "/nonexistent/x.pkt"});
  EXPECT_EQ(outcome.exit_code, 128);
  EXPECT_NE(outcome.err.find("/nonexistent/x.pkt"), std::string::npos) << outcome.err;
}

TEST(CheckCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(run_tcpdrill({"check"}).exit_code, 2);
  EXPECT_EQ(run_tcpdrill({"check", "--bogus", "x.pkt"}).exit_code, 2);
}

TEST(CommandLine, BadFlagValueIsAUsageError) {
  const ProcessOutcome outcome = run_tcpdrill({"--mtu=x", "whatever.pkt"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("bad --mtu: x"), std::string::npos) << outcome.err;
}

TEST(CommandLine, MissingScriptIsAUsageError) {
  const ProcessOutcome outcome = run_tcpdrill({});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("missing script path"), std::string::npos);
}

TEST(CommandLine, HelpListsPacketdrillFlags) {
  const ProcessOutcome outcome = run_tcpdrill({"--help"});
  EXPECT_EQ(outcome.exit_code, 0);
  for (const char* flag : {"--ip_version", "--tolerance_usecs", "--non_fatal", "-D"}) {
    EXPECT_NE(outcome.out.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace tcpdrill::testing
