// What a new user meets first, on a fresh clone: running a suite script from the
// repository root, mistyped paths, `check` on scripts that cannot run, asking for help.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "tcpdrill_process.h"

namespace tcpdrill::testing {
namespace {

const std::string kSource = TCPDRILL_SOURCE_DIR;
const std::string kScripts = kSource + "/tests/integration/scripts";
const std::string kBesideScript = "tests/integration/scripts/commands-run-beside-the-script.pkt";
constexpr int kExitMissingScript = 128;

TEST(FirstUse, SuiteScriptRunsFromTheRepositoryRoot) {
  if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  const ProcessOutcome outcome = run_tcpdrill({"scripts/handshake/passive-open.pkt"}, kSource);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
}

TEST(FirstUse, CommandsRunInTheScriptsDirectoryUnderTheNameTcpdrill) {
  if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  const ProcessOutcome outcome = run_tcpdrill({kBesideScript}, kSource);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
}

// packetdrill runs commands where it was started; so does tcpdrill under its name.
TEST(FirstUse, CommandsRunInTheCurrentDirectoryUnderTheNamePacketdrill) {
  if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  const auto directory =
      std::filesystem::temp_directory_path() / ("tcpdrill_first_use_" + std::to_string(getpid()));
  std::filesystem::create_directories(directory);
  std::filesystem::create_symlink(TCPDRILL_BINARY, directory / "packetdrill");
  const std::string packetdrill = (directory / "packetdrill").string();
  const ProcessOutcome elsewhere = run_tcpdrill_as(packetdrill, {kBesideScript}, kSource);
  const ProcessOutcome beside = run_tcpdrill_as(packetdrill, {"commands-run-beside-the-script.pkt"}, kScripts);
  std::filesystem::remove_all(directory);
  EXPECT_EQ(elsewhere.exit_code, 1) << elsewhere.err;
  EXPECT_NE(elsewhere.err.find("error executing init command"), std::string::npos) << elsewhere.err;
  EXPECT_EQ(beside.exit_code, 0) << beside.err;
}

TEST(FirstUse, MissingScriptHasItsOwnExitStatusInEveryMode) {
  for (const std::vector<std::string>& arguments :
       {std::vector<std::string>{"no-such-script.pkt"}, {"--verbose", "first-segment-of-a-write.pkt", "no-such-script.pkt"},
        {"run", "no-such-script.pkt"}, {"check", "no-such-script.pkt"}}) {
    const ProcessOutcome outcome = run_tcpdrill(arguments, kScripts);
    EXPECT_EQ(outcome.exit_code, kExitMissingScript) << arguments.front() << "\n" << outcome.err;
    EXPECT_NE(outcome.err.find("no-such-script.pkt"), std::string::npos) << outcome.err;
    EXPECT_EQ(std::count(outcome.err.begin(), outcome.err.end(), '\n'), 1) << outcome.err;
  }
}

void expect_check_error(const std::string& script, const std::string& location, const std::string& message) {
  const std::string path = kScripts + "/names/" + script;
  const ProcessOutcome outcome = run_tcpdrill({"check", path});
  EXPECT_EQ(outcome.exit_code, 1) << script;
  EXPECT_EQ(outcome.err.rfind(path + ":" + location + ": error: " + message + "\n", 0), 0u) << outcome.err;
  EXPECT_NE(outcome.err.find('^'), std::string::npos) << outcome.err;
}

TEST(FirstUse, CheckReportsNamesARunCouldNotResolve) {
  expect_check_error("unknown-syscall.pkt", "2:1", "unknown system call: 'frobnicate'");
  expect_check_error("unknown-symbol.pkt", "2:30", "unknown symbol: 'SO_BOGUS'");
  expect_check_error("unknown-symbol-in-guard.pkt", "3:40", "unknown symbol: 'O_BOGUS'");
  expect_check_error("unknown-assert-name.pkt", "2:33", "unknown name in assertion: 'tcpi_bogus'");
}

TEST(FirstUse, HelpIsThereWhereverItIsAskedFor) {
  for (const std::vector<std::string>& arguments :
       {std::vector<std::string>{"help"}, {"help", "run"}, {"help", "check"}, {"help", "diff"},
        {"check", "--help"}, {"run", "--help"}, {"--help"}}) {
    const ProcessOutcome outcome = run_tcpdrill(arguments);
    EXPECT_EQ(outcome.exit_code, 0) << arguments.front() << " " << arguments.back() << "\n" << outcome.err;
    EXPECT_NE(outcome.out.find("tcpdrill"), std::string::npos) << outcome.out;
  }
  EXPECT_NE(run_tcpdrill({"help", "check"}).out.find("--keep-going"), std::string::npos);
  EXPECT_NE(run_tcpdrill({"help", "check"}).out.find("SCRIPT.pkt|DIR..."), std::string::npos);
  EXPECT_NE(run_tcpdrill({"help", "run"}).out.find("--retry-timing"), std::string::npos);
  EXPECT_EQ(run_tcpdrill({"help", "bogus"}).exit_code, 2);
}

TEST(FirstUse, HelpNamesEachShortFlagOnce) {
  const std::string help = run_tcpdrill({"--help"}).out;
  EXPECT_EQ(help.find("(also -"), std::string::npos) << help;
  EXPECT_NE(help.find("-v, --verbose"), std::string::npos) << help;
  EXPECT_NE(help.find("-D, --define"), std::string::npos) << help;
}

TEST(FirstUse, RunPointsTestFlagsPastTheDoubleDash) {
  const ProcessOutcome outcome = run_tcpdrill({"run", "-v", "scripts/"}, kSource);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("tcpdrill run scripts/ -- -v"), std::string::npos) << outcome.err;
}

}  // namespace
}  // namespace tcpdrill::testing
