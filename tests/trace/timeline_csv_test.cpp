#include "trace/timeline_csv.h"

#include <gtest/gtest.h>

#include <sstream>

#include "timeline_samples.h"

namespace tcpdrill::trace {
namespace {

std::string csv_of(const StateTimeline& timeline) {
  std::ostringstream out;
  write_timeline_csv(out, timeline);
  return out.str();
}

StateTimeline read_text(const std::string& text) {
  std::istringstream in(text);
  return read_timeline_csv(in, "t.csv");
}

TEST(TimelineCsvTest, HeaderNamesEveryColumnTheIssueAsksFor) {
  const std::string csv = csv_of({});
  EXPECT_EQ(csv,
            "time,line,event,socket,state,ca_state,snd_cwnd,snd_ssthresh,reordering,retransmits,"
            "total_retrans,lost,sacked,fackets,rtt,rttvar,rto,pacing_rate,delivery_rate,bytes_acked,"
            "unacked,congestion,cc_info,packet_no,direction,packet,seq,end_seq,ack,sack\n");
}

TEST(TimelineCsvTest, RowsShowStatesByNameAndQuoteTextWithCommas) {
  const std::string csv = csv_of(test::fast_retransmit_timeline());
  EXPECT_NE(csv.find("\n0.200000,11,injected,4,ESTABLISHED,Recovery,7,7,3,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",5,<,\". 1:1(0) ack 1 win 257 <sack 3001:4001,nop,nop>\",1,1,1,3001:4001\n"),
            std::string::npos)
      << csv;
  // A value the kernel did not give is empty, not 0.
  EXPECT_NE(csv.find("\n0.090000,10,write,4,ESTABLISHED,Open,10,2147483647,3,,,"), std::string::npos);
}

TEST(TimelineCsvTest, ReadsBackWhatItWrote) {
  const StateTimeline timeline = test::fast_retransmit_timeline();
  EXPECT_EQ(read_text(csv_of(timeline)), timeline);
}

TEST(TimelineCsvTest, FindsColumnsByNameInAnyOrder) {
  const StateTimeline timeline = read_text(
      "packet_no,direction,snd_cwnd,event,time,seq,end_seq\n"
      "1,>,10,sniffed,0.5,1,1001\n");
  ASSERT_EQ(timeline.rows.size(), 1u);
  EXPECT_EQ(timeline.rows[0].usecs, 500'000);
  EXPECT_EQ(timeline.rows[0].value("snd_cwnd"), 10u);
  ASSERT_EQ(timeline.packets.size(), 1u);
  EXPECT_EQ(timeline.packets[0].end_seq, 1001u);
  EXPECT_FALSE(timeline.packets[0].inbound);
}

TEST(TimelineCsvTest, BadInputGetsOneMessageNamingFileAndLine) {
  auto message = [](const std::string& text) {
    try {
      read_text(text);
    } catch (const TraceError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(""), "t.csv: empty file, not a tcpdrill state timeline");
  EXPECT_EQ(message("a,b\n1,2\n"),
            "t.csv:1: no 'time' column: not a tcpdrill state timeline (--trace-state)");
  const std::string header = "time,event,snd_cwnd,packet_no,direction\n";
  EXPECT_EQ(message(header + "x,write,10,,\n"), "t.csv:2: bad time value 'x'");
  EXPECT_EQ(message(header + "0.1,write,ten,,\n"), "t.csv:2: bad snd_cwnd value 'ten'");
  EXPECT_EQ(message(header + "0.1,write,10,1,?\n"), "t.csv:2: bad direction value '?'");
  EXPECT_EQ(message(header + "0.1,\"write,10,,\n"), "t.csv:2: unterminated quoted field");
}

}  // namespace
}  // namespace tcpdrill::trace
