// Input that is not a script -- a FIFO, a directory, a device, a binary file, a 5 MB
// line -- gets one bounded, printable message naming the file, at once: never a hang
// and never a flood.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tcpdrill_process.h"

namespace tcpdrill::testing {
namespace {

namespace fs = std::filesystem;

// A hang fails the test (exit status 124 of timeout(1)) instead of hanging CTest.
ProcessOutcome run_bounded(const std::vector<std::string>& arguments, const std::string& directory = "") {
  std::vector<std::string> command{"20", TCPDRILL_BINARY};
  command.insert(command.end(), arguments.begin(), arguments.end());
  return run_tcpdrill_as("/usr/bin/timeout", command, directory);
}

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "tcpdrill-bad-input-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string fifo(const std::string& name) const {
    fs::create_directories((dir_ / name).parent_path());
    EXPECT_EQ(::mkfifo(path(name).c_str(), 0600), 0);
    return path(name);
  }
  std::string script(const std::string& name, const std::string& text) const {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(path(name), std::ios::binary) << text;
    return path(name);
  }
  fs::path dir_;
};

TEST_F(BadInputTest, CheckRefusesAFifoNamingIt) {
  const std::string f = fifo("f.pkt");
  const ProcessOutcome outcome = run_bounded({"check", f});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_EQ(outcome.err, f + ": error: is a FIFO (named pipe), not a script file\n");
}

TEST_F(BadInputTest, PacketdrillModeRefusesAFifoADeviceAndADirectoryBeforeRunningAnything) {
  const std::string f = fifo("f.pkt");
  ProcessOutcome outcome = run_bounded({f});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find(f + " is a FIFO (named pipe), not a script file"), std::string::npos) << outcome.err;
  outcome = run_bounded({"/dev/null"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("/dev/null is a character device, not a script file"), std::string::npos) << outcome.err;
  outcome = run_bounded({dir_.string()});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find(dir_.string() + " is a directory; 'tcpdrill run " + dir_.string() + "' runs the scripts in it"),
            std::string::npos)
      << outcome.err;
}

TEST_F(BadInputTest, CheckOfADirectoryChecksTheScriptsBelowIt) {
  script("suite/a.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
  script("suite/sub/b.pkt", "0 close(3) = 0\n");
  script("suite/notes.txt", "not a script");
  ProcessOutcome outcome = run_bounded({"check", path("suite")});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(outcome.out, "checked 2 script(s): no errors\n");
  const std::string bad = script("suite/sub/c.pkt", "0 close(3) = \n");
  outcome = run_bounded({"check", path("suite")});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_EQ(outcome.err.rfind(bad + ":2:1: error: ", 0), 0u) << outcome.err;
}

TEST_F(BadInputTest, RunDiscoveryReportsAFifoInsteadOfOpeningIt) {
  script("suite/fine.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
  const std::string f = fifo("suite/pipe.pkt");
  const ProcessOutcome outcome = run_bounded({"run", "-4", path("suite")});
  EXPECT_EQ(outcome.exit_code, 1) << outcome.out << outcome.err;
  EXPECT_NE(outcome.out.find("FAIL    " + f + " ipv4 0.00s: " + f + " is a FIFO (named pipe), not a regular file"),
            std::string::npos)
      << outcome.out;
}

TEST_F(BadInputTest, DiffOfADirectoryNamesIt) {
  const std::string report = script("run.json", "{\"tests\": []}");
  const ProcessOutcome outcome = run_bounded({"diff", dir_.string(), report});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.err, "tcpdrill diff: " + dir_.string() + " is a directory, not a regular file\n");
}

TEST_F(BadInputTest, BinaryFileDiagnosticShowsControlBytesEscaped) {
  constexpr char kBytes[] = "\x1b[2J\x1b]0;owned\x07\0\x01\xff\n";
  const std::string binary = script("bin.pkt", std::string(kBytes, sizeof kBytes - 1));
  const ProcessOutcome outcome = run_bounded({"check", binary});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.err.find(" 1 | \\x1b[2J\\x1b]0;owned\\x07\\x00\\x01\\xff\n"), std::string::npos) << outcome.err;
  for (char raw : {'\x1b', '\x07', '\0', '\x01', '\xff'}) {
    EXPECT_EQ(outcome.err.find(raw), std::string::npos) << "raw byte " << int(raw) << " reached the terminal";
  }
}

TEST_F(BadInputTest, FiveMegabyteLineGivesAShortDiagnostic) {
  const std::string big = script("big.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < S 0:0(0) win 32792 <mss 1000," +
                                                std::string(5'000'000, 'b') + ">\n");
  const ProcessOutcome outcome = run_bounded({"check", big});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_LT(outcome.err.size(), 1000u);
  EXPECT_EQ(outcome.err.rfind(big + ":2:35: error: unknown TCP option 'bbb", 0), 0u) << outcome.err.substr(0, 300);
  EXPECT_NE(outcome.err.find("b…b"), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::testing
