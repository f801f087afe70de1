// What a run shows a person, through the binary as users run it: failure reports on the
// console, the pcap as tshark reads it, the timeline and its picture, the HTML page in a
// real browser. The tools that read the results (tshark, xmllint, chromium) are
// installed by .ci/install-deps.sh; without one its test skips and says so.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tcpdrill_process.h"
#include "trace/timeline_csv.h"

namespace tcpdrill::testing {
namespace {

namespace fs = std::filesystem;

const std::string kObserved = std::string(TCPDRILL_SOURCE_DIR) + "/tests/integration/observed";
const std::string kRecovery = std::string(TCPDRILL_SOURCE_DIR) + "/scripts/recovery";
// Nothing here is about timing: a stalled CI machine must not fail these tests.
const std::string kStallTolerant = "--tolerance_usecs=1000000";

bool have(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

// Standard output of a shell command, and whether it exited 0.
std::pair<bool, std::string> shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {false, ""};
  std::string output;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  return {pclose(pipe) == 0, output};
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
  return found;
}

class ObservationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun to run scripts";
    dir_ = fs::temp_directory_path() / ("tcpdrill-observation-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

TEST_F(ObservationTest, ScriptFailureShowsPacketsFieldsEventsAndState) {
  const ProcessOutcome outcome = run_tcpdrill({kStallTolerant, "wrong-window.pkt"}, kObserved);
  EXPECT_EQ(outcome.exit_code, 1);
  const std::string& err = outcome.err;
  EXPECT_EQ(err.rfind("wrong-window.pkt:16:1: error: outbound packet does not match\n  script:  0.", 0), 0u) << err;
  EXPECT_NE(err.find("\n  tcp_window: expected 100, got "), std::string::npos) << err;
  EXPECT_NE(err.find("last events before the failure (time finished, script line):\n"), std::string::npos) << err;
  EXPECT_NE(err.find("  line 15   +0  write(4, ..., 1000) = 1000\n"), std::string::npos) << err;
  EXPECT_NE(err.find("state of socket 4 around it (TCP_INFO"), std::string::npos) << err;
  EXPECT_NE(err.find("injected   ESTABLISHED  Open "), std::string::npos) << err;
  EXPECT_NE(err.find("> P. 1001:2001(1000) ack 1 win "), std::string::npos) << err;
}

TEST_F(ObservationTest, RunShowsTheFailureReportUnderItsLine) {
  const ProcessOutcome outcome =
      run_tcpdrill({"run", "-4", "wrong-window.pkt", "--", kStallTolerant}, kObserved);
  EXPECT_EQ(outcome.exit_code, 1);
  const std::string& out = outcome.out;
  EXPECT_NE(out.find("FAIL    wrong-window.pkt ipv4 "), std::string::npos) << out;
  EXPECT_NE(out.find("\n      tcp_window: expected 100, got "), std::string::npos) << out;
  EXPECT_NE(out.find("\n    last events before the failure"), std::string::npos) << out;
  EXPECT_NE(out.find("\n    state of socket 4 around it"), std::string::npos) << out;
}

TEST_F(ObservationTest, TimelinePcapAndPictureAgreeAndTsharkReadsThePcap) {
  const ProcessOutcome outcome =
      run_tcpdrill({kStallTolerant, "--capture=" + file("run.pcap"),
                    "--trace-state=" + file("run.csv"), "sack-fast-retransmit.pkt"},
                   kRecovery);
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  std::ifstream csv(file("run.csv"));
  const trace::StateTimeline timeline = trace::read_timeline_csv(csv, file("run.csv"));
  EXPECT_GE(timeline.packets.size(), 14u);

  if (have("tshark")) {
    const auto [ok, fields] = shell("tshark -r " + file("run.pcap") +
                                    " -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE"
                                    " -T fields -e frame.number -e ip.checksum.status"
                                    " -e tcp.checksum.status 2>/dev/null");
    ASSERT_TRUE(ok) << fields;
    // One line per packet of the timeline, each with both checksums good (status 1).
    EXPECT_EQ(count(fields, "\n"), timeline.packets.size()) << fields;
    EXPECT_EQ(count(fields, "\t1\t1\n"), timeline.packets.size()) << fields;
  } else {
    ADD_FAILURE() << "tshark missing (Debian: tshark; .ci/install-deps.sh installs it)";
  }

  const ProcessOutcome plot = run_tcpdrill({"plot", file("run.csv"), "-o", file("run.svg")});
  ASSERT_EQ(plot.exit_code, 0) << plot.err;
  const std::string svg = read_text_file(file("run.svg"));
  EXPECT_NE(svg.find(">fast retransmit 1:1001</text>"), std::string::npos);
  if (have("xmllint")) {
    const auto [well_formed, message] = shell("xmllint --noout " + file("run.svg") + " 2>&1");
    EXPECT_TRUE(well_formed) << message;
  }
}

TEST_F(ObservationTest, PlotRefusesWhatIsNotATimeline) {
  const ProcessOutcome missing = run_tcpdrill({"plot", file("none.csv")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err.rfind("tcpdrill plot: cannot read " + file("none.csv") + ": No such file", 0), 0u)
      << missing.err;
  std::ofstream(file("other.csv")) << "a,b\n1,2\n";
  const ProcessOutcome other = run_tcpdrill({"plot", file("other.csv")});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("no 'time' column: not a tcpdrill state timeline"), std::string::npos) << other.err;
  EXPECT_EQ(run_tcpdrill({"plot"}).exit_code, 2);
  const ProcessOutcome help = run_tcpdrill({"help", "plot"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_EQ(help.out.rfind("usage: tcpdrill plot TIMELINE.csv [-o PICTURE.svg]\n", 0), 0u) << help.out;
}

TEST_F(ObservationTest, UnwritableOutputIsOneErrorBeforeTheRun) {
  const ProcessOutcome outcome =
      run_tcpdrill({"--trace-state=" + file("no/such/dir/t.csv"), "passes.pkt"}, kObserved);
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_EQ(outcome.err, "passes.pkt: error: cannot write --trace-state file " + file("no/such/dir/t.csv") +
                             ": No such file or directory\n");
}

TEST_F(ObservationTest, RunKeepsThePcapsOfFailedTestsOrEveryOne) {
  ProcessOutcome outcome =
      run_tcpdrill({"run", "-4", "--capture", file("failed"), ".", "--", kStallTolerant}, kObserved);
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_EQ(files_with_extension(file("failed"), ".pcap"),
            std::vector<std::string>{file("failed/wrong-window_ipv4.pcap")});
  outcome = run_tcpdrill(
      {"run", "-4", "--capture", file("all"), "--capture-all", ".", "--", kStallTolerant}, kObserved);
  EXPECT_EQ(files_with_extension(file("all"), ".pcap"),
            (std::vector<std::string>{file("all/passes_ipv4.pcap"), file("all/wrong-window_ipv4.pcap")}));
}

TEST_F(ObservationTest, HtmlPageListsEveryTestInChromium) {
  const ProcessOutcome outcome =
      run_tcpdrill({"run", "-4", "--html", file("html"), ".", "--", kStallTolerant}, kObserved);
  EXPECT_EQ(outcome.exit_code, 1) << outcome.out << outcome.err;
  const std::string page = file("html") + "/index.html";
  ASSERT_TRUE(fs::exists(page));
  if (!have("chromium")) GTEST_SKIP() << "chromium missing (Debian: chromium; .ci/install-deps.sh installs it)";
  const std::string browser = "chromium --headless --no-sandbox --disable-gpu --user-data-dir=" +
                              file("profile") + " ";
  const auto [dumped, dom] = shell(browser + "--dump-dom file://" + page + " 2>/dev/null");
  ASSERT_TRUE(dumped);
  EXPECT_EQ(count(dom, "<tr class=\"test\""), 2u) << dom;
  EXPECT_NE(dom.find("<tr class=\"test\" data-verdict=\"pass\"><td class=\"name\">passes.pkt"),
            std::string::npos) << dom;
  EXPECT_NE(dom.find("data-verdict=\"fail\"><td class=\"name\"><a href=\"#t-wrong-window_pkt-ipv4\">"
                     "wrong-window.pkt</a>"),
            std::string::npos) << dom;
  EXPECT_NE(dom.find("<img class=\"plot\" src=\"wrong-window_ipv4.svg\""), std::string::npos);
  EXPECT_NE(dom.find("<a class=\"pcap\" href=\"wrong-window_ipv4.pcap\">"), std::string::npos);
  const auto [shot, log] = shell(browser + "--window-size=1100,1400 --screenshot=" + file("page.png") +
                                 " file://" + page + " 2>&1");
  EXPECT_TRUE(shot) << log;
  EXPECT_GT(fs::file_size(file("page.png")), 10'000u);
}

}  // namespace
}  // namespace tcpdrill::testing
