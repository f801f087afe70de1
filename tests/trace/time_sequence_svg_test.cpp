#include "trace/time_sequence_svg.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <sys/wait.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "timeline_samples.h"

namespace tcpdrill::trace {
namespace {

// xmllint's answer to an XPath expression over the SVG, or nullopt without xmllint.
class SvgFile {
 public:
  explicit SvgFile(const std::string& svg)
      : path_("/tmp/tcpdrill_plot_" + std::to_string(getpid()) + ".svg") {
    std::ofstream(path_) << svg;
  }
  ~SvgFile() { unlink(path_.c_str()); }

  // Runs xmllint; returns its exit status and standard output.
  std::pair<int, std::string> xmllint(const std::string& arguments) const {
    const std::string command = "xmllint " + arguments + " " + path_ + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    std::array<char, 256> buffer;
    while (pipe != nullptr && fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
    const int status = pipe != nullptr ? pclose(pipe) : -1;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
  }

  std::string count(const std::string& id, const std::string& element) const {
    std::string answer =
        xmllint("--xpath \"count(//*[@id='" + id + "']/*[local-name()='" + element + "'])\"").second;
    while (!answer.empty() && std::isspace(static_cast<unsigned char>(answer.back()))) answer.pop_back();
    return answer;
  }

 private:
  std::string path_;
};

bool have_xmllint() { return std::system("xmllint --version >/dev/null 2>&1") == 0; }

TEST(TimeSequenceSvgTest, IsWellFormedAndHoldsEverySeries) {
  if (!have_xmllint()) GTEST_SKIP() << "needs xmllint (Debian: libxml2-utils)";
  const SvgFile file(time_sequence_svg(test::fast_retransmit_timeline(), "a <title> & more"));
  const auto [status, output] = file.xmllint("--noout");
  ASSERT_EQ(status, 0) << output;
  // Four first transmissions, each a bar and a start tick; the resent segment in red.
  EXPECT_EQ(file.count("data-segments", "line"), "8");
  EXPECT_EQ(file.count("retransmissions", "line"), "2");
  EXPECT_EQ(file.count("retransmissions", "text"), "1");
  EXPECT_EQ(file.count("acks", "circle"), "2");
  EXPECT_EQ(file.count("sack-blocks", "line"), "1");
  EXPECT_EQ(file.count("recovery-bands", "rect"), "2");  // one per panel
  for (const char* series : {"snd_cwnd", "snd_ssthresh", "reordering"})
    EXPECT_EQ(file.count(series, "path"), "1") << series;
}

TEST(TimeSequenceSvgTest, NamesTheRetransmissionByTheStateItHappenedIn) {
  const std::string svg = time_sequence_svg(test::fast_retransmit_timeline(), "t");
  EXPECT_NE(svg.find(">fast retransmit 1:1001</text>"), std::string::npos);
  StateTimeline timeout = test::fast_retransmit_timeline();
  for (StateRow& row : timeout.rows)
    if (row.value("ca_state") == 3u) row.values[tcp_info_column("ca_state")] = 4;
  EXPECT_NE(time_sequence_svg(timeout, "t").find(">retransmit after timeout 1:1001</text>"),
            std::string::npos);
}

TEST(TimeSequenceSvgTest, SsthreshLineStartsOnlyOnceItIsSet) {
  const std::string svg = time_sequence_svg(test::fast_retransmit_timeline(), "t");
  const std::size_t group = svg.find("<g id=\"snd_ssthresh\"");
  ASSERT_NE(group, std::string::npos);
  const std::string path = svg.substr(group, svg.find("</g>", group) - group);
  // One move, to the first finite value at 0.2 s; nothing drawn for the infinite ones.
  EXPECT_EQ(path.find('M'), path.rfind('M')) << path;
}

TEST(TimeSequenceSvgTest, EmptyTimelineStillDraws) {
  const std::string svg = time_sequence_svg({}, "empty");
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::trace
