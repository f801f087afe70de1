#include "runtime/failure_report.h"

#include <gtest/gtest.h>

namespace tcpdrill::runtime {
namespace {

trace::StateRow row(int64_t usecs, int socket, uint64_t cwnd) {
  trace::StateRow state;
  state.usecs = usecs;
  state.line = static_cast<uint32_t>(usecs / 1000);
  state.event = "write";
  state.socket = socket;
  state.values.resize(trace::kTcpInfoColumnCount);
  state.values[trace::tcp_info_column("state")] = 1;
  state.values[trace::tcp_info_column("ca_state")] = 3;
  state.values[trace::tcp_info_column("snd_cwnd")] = cwnd;
  state.values[trace::tcp_info_column("snd_ssthresh")] = trace::kInfiniteSsthresh;
  return state;
}

TEST(FailureContextTest, LastEventsWithTheirSourceLines) {
  const std::vector<FinishedEvent> events{{1, 0}, {2, 100}, {3, 200}, {4, 300}, {5, 400}, {6, 500}};
  const std::string text =
      failure_context({}, events, "l1\nl2\n  +0 write(4, ..., 10) = 10\nl4\nl5\nl6\n", 600, 4);
  EXPECT_EQ(text,
            "last events before the failure (time finished, script line):\n"
            "    0.000100  line 2    l2\n"
            "    0.000200  line 3    +0 write(4, ..., 10) = 10\n"
            "    0.000300  line 4    l4\n"
            "    0.000400  line 5    l5\n"
            "    0.000500  line 6    l6\n");
}

TEST(FailureContextTest, StateRowsOfTheSocketAroundTheFailure) {
  trace::StateTimeline timeline;
  for (int i = 1; i <= 10; ++i) timeline.rows.push_back(row(i * 1000, 4, 10 + i));
  timeline.rows.push_back(row(5500, 5, 99));  // another socket: not shown
  const std::string text = failure_context(timeline, {}, "", 8000, 4);
  EXPECT_EQ(text.rfind("state of socket 4 around it (TCP_INFO; the failure was at 0.008000):\n", 0), 0u)
      << text;
  // Six rows up to the failure, two after it.
  EXPECT_EQ(text.find("0.002000"), std::string::npos) << text;
  EXPECT_NE(text.find("0.003000     3 write      ESTABLISHED  Recovery     13      inf"), std::string::npos)
      << text;
  EXPECT_NE(text.find("0.010000"), std::string::npos);
  EXPECT_EQ(text.find(" 99 "), std::string::npos);
}

TEST(FailureContextTest, NothingToShowIsNothing) {
  EXPECT_EQ(failure_context({}, {}, "", 0, std::nullopt), "");
}

}  // namespace
}  // namespace tcpdrill::runtime
