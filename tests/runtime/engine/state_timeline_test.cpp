// The state timeline of a real run: what --trace-state and --plot write.

#include <unistd.h>

#include <pcap/pcap.h>

#include <fstream>
#include <set>
#include <gtest/gtest.h>

#include "child_run.h"
#include "script_builder.h"
#include "trace/timeline_csv.h"

namespace tcpdrill::runtime::test {
namespace {

using ast::Direction;

class TempFile {
 public:
  explicit TempFile(const std::string& suffix)
      : path_("/tmp/tcpdrill_timeline_" + std::to_string(getpid()) + suffix) {}
  ~TempFile() { unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::size_t pcap_frames(const std::string& path) {
  char error[PCAP_ERRBUF_SIZE];
  pcap_t* capture = pcap_open_offline(path.c_str(), error);
  if (capture == nullptr) return 0;
  std::size_t frames = 0;
  pcap_pkthdr* header = nullptr;
  const u_char* bytes = nullptr;
  while (pcap_next_ex(capture, &header, &bytes) == 1) ++frames;
  pcap_close(capture);
  return frames;
}

const trace::StateRow* row_at_line(const trace::StateTimeline& timeline, uint32_t line,
                                   const std::string& event) {
  for (const trace::StateRow& row : timeline.rows)
    if (row.line == line && row.event == event && row.socket == 4) return &row;
  return nullptr;
}

// Reno in slow start: ten segments out at once (the script expects none of them: the
// timeline has them anyway), then one ACK for all ten doubles cwnd.
TEST(StateTimelineTest, EveryPacketAndEventHasItsRowAndCwndGrowsAfterTheAck) {
  if (const auto reason = why_host_cannot_run()) GTEST_SKIP() << *reason;
  ScriptBuilder builder;
  // Reno from the listener on: a socket that starts with a pacing default (BBR) keeps
  // pacing after a switch, and its segments would not all leave at once.
  builder.init_command("sysctl -q -w net.ipv4.tcp_congestion_control=reno");
  builder.passive_open();
  const uint32_t write_line = builder.next_line();
  builder.event(after(0), call("write", {number(4), ellipsis(), number(10000)}, 10000));
  const uint32_t ack_line = builder.next_line();
  builder.event(after(0.005), tcp(Direction::Inbound, ".", 1, 0, 10001, 257));
  RunConfig config;
  config.tolerance_usecs = 1'000'000;
  const TempFile csv(".csv"), svg(".svg"), pcap(".pcap");
  config.trace_state_path = csv.path();
  config.plot_path = svg.path();
  config.capture_path = pcap.path();
  const ChildRun run = run_in_child(builder.build(), config);
  ASSERT_TRUE(run.passed) << run.message;

  std::ifstream in(csv.path());
  std::string header;
  std::getline(in, header);
  for (const char* column : {"time", "line", "event", "socket", "state", "ca_state", "snd_cwnd",
                             "snd_ssthresh", "reordering", "retransmits", "total_retrans", "lost",
                             "sacked", "fackets", "rtt", "rttvar", "rto", "pacing_rate",
                             "delivery_rate", "bytes_acked", "unacked", "packet"})
    EXPECT_NE(("," + header + ",").find("," + std::string(column) + ","), std::string::npos) << column;
  in.seekg(0);
  const trace::StateTimeline timeline = trace::read_timeline_csv(in, csv.path());

  // Frame numbers are the pcap's: as many packets, in its order.
  EXPECT_EQ(timeline.packets.size(), pcap_frames(pcap.path()));
  std::set<uint32_t> data_segments;  // a tail loss probe may send one of them again
  for (const trace::TracedPacket& packet : timeline.packets)
    if (!packet.inbound && packet.end_seq - packet.seq == 1000) data_segments.insert(packet.seq);
  EXPECT_EQ(data_segments.size(), 10u);

  const trace::StateRow* written = row_at_line(timeline, write_line, "write");
  const trace::StateRow* acked = row_at_line(timeline, ack_line, "injected");
  ASSERT_NE(written, nullptr);
  ASSERT_NE(acked, nullptr);
  EXPECT_EQ(written->congestion, "reno");
  EXPECT_EQ(written->value("state"), 1u);  // ESTABLISHED
  EXPECT_EQ(written->value("snd_cwnd"), 10u);
  EXPECT_EQ(written->value("unacked"), 10u);
  EXPECT_GT(acked->value("snd_cwnd").value_or(0), 10u);
  EXPECT_EQ(acked->value("unacked"), 0u);
  EXPECT_EQ(acked->value("bytes_acked"), 10000u);
  ASSERT_TRUE(acked->packet.has_value());
  EXPECT_EQ(timeline.packets[*acked->packet].text, ". 1:1(0) ack 10001 win 257");

  std::ifstream picture(svg.path());
  const std::string drawn((std::istreambuf_iterator<char>(picture)), std::istreambuf_iterator<char>());
  EXPECT_NE(drawn.find("<g id=\"data-segments\""), std::string::npos);
}

TEST(StateTimelineTest, FailureReportShowsTheEventsAndStateBeforeIt) {
  if (const auto reason = why_host_cannot_run()) GTEST_SKIP() << *reason;
  ScriptBuilder builder;
  builder.passive_open().event(after(0), call("write", {number(4), ellipsis(), number(1000)}, 1000));
  builder.event(after(0), tcp(Direction::Outbound, "P.", 1, 1000, 1, 100));
  RunConfig config;
  config.tolerance_usecs = 1'000'000;
  const ChildRun run = run_in_child(builder.build(), config);
  ASSERT_FALSE(run.passed);
  EXPECT_NE(run.report.find("last events before the failure (time finished, script line):\n"),
            std::string::npos)
      << run.report;
  EXPECT_NE(run.report.find("  line 9 "), std::string::npos) << run.report;
  EXPECT_NE(run.report.find("state of socket 4 around it"), std::string::npos) << run.report;
  EXPECT_NE(run.report.find(" sniffed    ESTABLISHED  Open "), std::string::npos) << run.report;
  EXPECT_NE(run.report.find("> P. 1:1001(1000) ack 1 win "), std::string::npos) << run.report;
}

}  // namespace
}  // namespace tcpdrill::runtime::test
