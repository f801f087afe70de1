#include "vm/frame_codec.h"

#include <gtest/gtest.h>

namespace tcpdrill::vm {
namespace {

TEST(FrameCodec, RoundTripsPayloadsFedByteByByte) {
  const std::string stream = encode_frame("first") + encode_frame(std::string("\0\x7fTDF", 5)) + encode_frame("");
  FrameDecoder decoder;
  std::vector<std::string> payloads;
  for (char c : stream) {
    decoder.feed(&c, 1);
    while (auto payload = decoder.next()) payloads.push_back(*payload);
  }
  ASSERT_EQ(payloads.size(), 3u);
  EXPECT_EQ(payloads[0], "first");
  EXPECT_EQ(payloads[1], std::string("\0\x7fTDF", 5));
  EXPECT_EQ(payloads[2], "");
  EXPECT_EQ(decoder.discarded_bytes(), 0u);
}

TEST(FrameCodec, SkipsConsoleTextBetweenFrames) {
  const std::string stream = "[ 1.0] tun: Universal TUN/TAP\r\n" + encode_frame("ready") + "noise" + encode_frame("next");
  FrameDecoder decoder;
  decoder.feed(stream.data(), stream.size());
  EXPECT_EQ(decoder.next(), "ready");
  EXPECT_EQ(decoder.next(), "next");
  EXPECT_EQ(decoder.next(), std::nullopt);
  EXPECT_GT(decoder.discarded_bytes(), 30u);
}

TEST(FrameCodec, DropsAFrameWhoseChecksumIsWrong) {
  std::string corrupt = encode_frame("payload");
  corrupt.back() ^= 0x01;
  const std::string stream = corrupt + encode_frame("intact");
  FrameDecoder decoder;
  decoder.feed(stream.data(), stream.size());
  EXPECT_EQ(decoder.next(), "intact");
  EXPECT_EQ(decoder.next(), std::nullopt);
}

TEST(FrameCodec, WaitsForTheRestOfAFrame) {
  const std::string frame = encode_frame("split across reads");
  FrameDecoder decoder;
  decoder.feed(frame.data(), 10);
  EXPECT_EQ(decoder.next(), std::nullopt);
  decoder.feed(frame.data() + 10, frame.size() - 10);
  EXPECT_EQ(decoder.next(), "split across reads");
}

TEST(FrameCodec, ChecksumIsCrc32) {
  EXPECT_EQ(crc32_of("123456789"), 0xCBF43926u);  // the CRC-32 check value
}

}  // namespace
}  // namespace tcpdrill::vm
