#include <gtest/gtest.h>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

using Kind = ast::TimeSpec::Kind;

ast::TimeSpec time_of_second_event(std::string_view line) {
  return event_at(parse(after_socket(line)), 1).time;
}

TEST(TimeSpec, AbsoluteIntegerSeconds) {
  ast::TimeSpec time = first_event("0 close(3) = 0").time;
  EXPECT_EQ(time.kind, Kind::Absolute);
  EXPECT_EQ(time.usecs, 0);
  EXPECT_EQ(time_of_second_event("2 close(3) = 0").usecs, 2'000'000);
}

TEST(TimeSpec, FractionsAreExactMicroseconds) {
  EXPECT_EQ(time_of_second_event("0.3 close(3) = 0").usecs, 300'000);
  EXPECT_EQ(time_of_second_event("1.000001 close(3) = 0").usecs, 1'000'001);
  EXPECT_EQ(time_of_second_event(".29 close(3) = 0").usecs, 290'000);
}

TEST(TimeSpec, Relative) {
  ast::TimeSpec time = time_of_second_event("+.1 close(3) = 0");
  EXPECT_EQ(time.kind, Kind::Relative);
  EXPECT_EQ(time.usecs, 100'000);
}

TEST(TimeSpec, AnyTimeOnOutboundPacket) {
  ast::TimeSpec time = time_of_second_event("* > S. 0:0(0) ack 1");
  EXPECT_EQ(time.kind, Kind::Any);
}

TEST(TimeSpec, AbsoluteRange) {
  ast::TimeSpec time = time_of_second_event("1~1.5 > . 1:1(0) ack 1");
  EXPECT_EQ(time.kind, Kind::Absolute);
  EXPECT_EQ(time.usecs, 1'000'000);
  EXPECT_EQ(time.range_end_usecs, 1'500'000);
}

TEST(TimeSpec, RelativeRange) {
  ast::TimeSpec time = time_of_second_event("+1~+1.1 > S 0:0(0)");
  EXPECT_EQ(time.kind, Kind::Relative);
  EXPECT_EQ(time.usecs, 1'000'000);
  EXPECT_EQ(time.range_end_usecs, 1'100'000);
}

TEST(TimeSpec, BlockingEndTime) {
  ast::TimeSpec time = time_of_second_event("+.09...0.14 read(3, ..., 10) = 10");
  EXPECT_EQ(time.kind, Kind::Relative);
  EXPECT_EQ(time.usecs, 90'000);
  EXPECT_EQ(time.blocking_end_usecs, 140'000);
  EXPECT_EQ(time_of_second_event("+.002 ... 2.1 connect(3, ..., ...) = 0").blocking_end_usecs,
            2'100'000);
}

TEST(TimeSpec, EventLocationIsItsTime) {
  ast::Script script = parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n   +0 close(3) = 0\n");
  EXPECT_EQ(event_at(script, 1).location, (SourceLocation{2, 4}));
}

}  // namespace
}  // namespace tcpdrill::test
