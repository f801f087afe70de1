#include "runtime/packet/segment_aggregator.h"

#include <gtest/gtest.h>

#include "packet_test_support.h"
#include "runtime/packet/packet_error.h"

namespace tcpdrill::runtime::packet {
namespace {

using ast::Direction;
using test::kLocal;
using test::kRemote;

using test::tcp_of;

// Fragments already in script space, as OutboundMatcher::to_script_space leaves them.
codec::DecodedPacket fragment(uint32_t seq, uint32_t length, const std::string& flags = ".") {
  return test::live_tcp(kLocal, kRemote, flags, seq, length, 1, 502);
}

const ast::Packet kScript = test::script_tcp(Direction::Outbound, "P.", 1, 3000, 1, 502);

std::string error_of(SegmentAggregator& aggregator, codec::DecodedPacket next) {
  try {
    aggregator.add(std::move(next));
  } catch (const PacketError& error) {
    return error.what();
  }
  return "";
}

TEST(SegmentAggregator, SingleSegmentOfTheScriptedSizeIsUsedAsIs) {
  SegmentAggregator aggregator(test::script_tcp(Direction::Outbound, "P.", 1, 1000, 1, 502), false,
                               test::stub_format);
  const auto live = fragment(1, 1000, "P.");
  EXPECT_TRUE(aggregator.add(live));
  const auto merged = aggregator.take();
  EXPECT_EQ(merged.packet, live.packet);
}

TEST(SegmentAggregator, MergesContiguousEqualFragments) {
  SegmentAggregator aggregator(kScript, false, test::stub_format);
  auto first = fragment(1, 1000, "W.");
  first.packet.body = [&] {
    auto tcp = tcp_of(first);
    tcp.payload = ast::Bytes(1000, 0x11);
    return tcp;
  }();
  EXPECT_FALSE(aggregator.add(first));
  EXPECT_FALSE(aggregator.add(fragment(1001, 1000)));
  auto last = fragment(2001, 1000, "P.");
  last.wire.ttl = 64;
  EXPECT_TRUE(aggregator.add(last));
  EXPECT_EQ(aggregator.fragments().size(), 3u);

  const auto merged = aggregator.take();
  const auto& tcp = tcp_of(merged);
  EXPECT_EQ(tcp.start_sequence, 1u);
  EXPECT_EQ(tcp.end_sequence, 3001u);
  EXPECT_EQ(tcp.payload_length, 3000u);
  EXPECT_TRUE(tcp.flags.psh) << "headers of the last fragment";
  EXPECT_TRUE(tcp.flags.cwr) << "CWR of the first fragment";
  ASSERT_TRUE(tcp.payload.has_value());
  EXPECT_EQ(tcp.payload->size(), 3000u);
  EXPECT_EQ((*tcp.payload)[999], 0x11);
  EXPECT_EQ((*tcp.payload)[1000], 0);
  EXPECT_EQ(merged.wire.ip_total_length, 20 + 20 + 3000);
}

TEST(SegmentAggregator, LastFragmentMayBeShorter) {
  SegmentAggregator aggregator(test::script_tcp(Direction::Outbound, "P.", 1, 2500, 1, 502), false,
                               test::stub_format);
  EXPECT_FALSE(aggregator.add(fragment(1, 1000)));
  EXPECT_FALSE(aggregator.add(fragment(1001, 1000)));
  EXPECT_TRUE(aggregator.add(fragment(2001, 500, "P.")));
  EXPECT_EQ(tcp_of(aggregator.take()).payload, std::nullopt) << "all zeros stay implicit";
}

TEST(SegmentAggregator, StrictSegmentsTakeOnePacket) {
  SegmentAggregator aggregator(kScript, true, test::stub_format);
  EXPECT_TRUE(aggregator.add(fragment(1, 1000)));
  try {
    aggregator.take();
    FAIL() << "expected PacketError";
  } catch (const PacketError& error) {
    EXPECT_STREQ(error.what(), "live packet payload: expected 3000 bytes vs actual 1000 bytes");
  }
}

TEST(SegmentAggregator, LargerLivePacketIsAPayloadError) {
  SegmentAggregator aggregator(test::script_tcp(Direction::Outbound, "P.", 1, 1000, 1, 502), false,
                               test::stub_format);
  EXPECT_TRUE(aggregator.add(fragment(1, 2000)));
  EXPECT_THROW(
      {
        try {
          aggregator.take();
        } catch (const PacketError& error) {
          EXPECT_STREQ(error.what(),
                       "live packet payload: expected 1000 bytes vs actual 2000 bytes");
          throw;
        }
      },
      PacketError);
}

TEST(SegmentAggregator, UnequalMiddleFragmentIsAnError) {
  SegmentAggregator aggregator(kScript, false, test::stub_format);
  aggregator.add(fragment(1, 1000));
  const auto message = error_of(aggregator, fragment(1001, 600));
  EXPECT_EQ(message,
            "fragment payload: expected 1000 bytes vs actual 600 bytes; total payload: expected "
            "3000 bytes vs "
            "actual 1600 bytes\n"
            "   script packet: . 1:3001(3000) ack 1\n"
            "actual #0 packet: . 1:1001(1000) ack 1\n"
            "actual #1 packet: . 1001:1601(600) ack 1");
}

TEST(SegmentAggregator, GapInSequenceIsAnError) {
  SegmentAggregator aggregator(kScript, false, test::stub_format);
  aggregator.add(fragment(1, 1000));
  const auto message = error_of(aggregator, fragment(1501, 1000));
  EXPECT_EQ(message.substr(0, message.find('\n')),
            "live packet field tcp_seq: expected: 1001 (0x3e9) vs actual: 1501 (0x5dd)");
}

TEST(SegmentAggregator, IncompatibleHeadersAreErrorsButFinPshCwrMayDiffer) {
  SegmentAggregator lenient(kScript, false, test::stub_format);
  lenient.add(fragment(1, 1000, "W."));
  EXPECT_EQ(error_of(lenient, fragment(1001, 1000, "P.")), "");
  EXPECT_EQ(error_of(lenient, fragment(2001, 1000, "F.")), "");

  SegmentAggregator aggregator(kScript, false, test::stub_format);
  aggregator.add(fragment(1, 1000));
  auto other_window = fragment(1001, 1000);
  std::get<ast::TcpSegment>(other_window.packet.body).window = 600;
  const auto message = error_of(aggregator, other_window);
  EXPECT_EQ(message.substr(0, message.find('\n')),
            "live packet field tcp_window: expected: 502 (0x1f6) vs actual: 600 (0x258)");
  auto ece = fragment(1001, 1000, ".E");
  EXPECT_EQ(error_of(aggregator, ece).rfind("live packet field tcp_ece", 0), 0u);
}

TEST(SegmentAggregator, AnotherFlowRestartsTheCollection) {
  SegmentAggregator aggregator(test::script_tcp(Direction::Outbound, "P.", 1, 2000, 1, 502), false,
                               test::stub_format);
  aggregator.add(test::live_tcp(kLocal, {test::kRemoteIp, 40001}, ".", 1, 1000, 1, 502));
  EXPECT_FALSE(aggregator.add(fragment(1, 1000)));
  EXPECT_EQ(aggregator.fragments().size(), 1u);
  EXPECT_TRUE(aggregator.add(fragment(1001, 1000)));
  EXPECT_EQ(tcp_of(aggregator.take()).payload_length, 2000u);
}

}  // namespace
}  // namespace tcpdrill::runtime::packet
