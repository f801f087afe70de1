#include "codec/tcp_option_codec.h"

#include <gtest/gtest.h>

#include "codec/tcp_option_printer.h"
#include "tests/codec/codec_error.h"
#include "tests/codec/test_packets.h"

namespace tcpdrill::codec::test {
namespace {

Bytes encoded(std::vector<ast::TcpOption> options) {
  Bytes out;
  encode_tcp_options(ast::TcpOptionList{std::move(options)}, out);
  return out;
}

std::string encode_error(std::vector<ast::TcpOption> options) {
  return codec_error_of([&] { encoded(std::move(options)); });
}

std::string decode_error(const Bytes& bytes) {
  return codec_error_of([&] { decode_tcp_options(bytes); });
}

struct OptionCase {
  const char* name;
  ast::TcpOption option;
  Bytes bytes;  // laid out by hand from RFC 793/7323/2018/2385/7413/6994 and the AccECN draft
  const char* text;
};

class TcpOptionTest : public ::testing::TestWithParam<OptionCase> {};

TEST_P(TcpOptionTest, EncodesByteExactDecodesAndPrints) {
  const auto& c = GetParam();
  // Pad with nops to a multiple of 4, as scripts must.
  std::vector<ast::TcpOption> list = {c.option};
  Bytes expected = c.bytes;
  while (expected.size() % 4 != 0) {
    list.emplace_back(opt::Nop{});
    expected.push_back(1);
  }
  EXPECT_EQ(encoded(list), expected);
  EXPECT_EQ(decode_tcp_options(expected), ast::TcpOptionList{list});
  EXPECT_EQ(format_tcp_option(c.option), c.text);
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, TcpOptionTest,
    ::testing::Values(
        OptionCase{"nop", opt::Nop{}, {1}, "nop"},
        OptionCase{"eol", opt::EndOfList{}, {0}, "eol"},
        OptionCase{"mss", opt::Mss{1460}, {2, 4, 0x05, 0xb4}, "mss 1460"},
        OptionCase{"wscale", opt::WindowScale{14}, {3, 3, 14}, "wscale 14"},
        OptionCase{"sack_ok", opt::SackPermitted{}, {4, 2}, "sackOK"},
        OptionCase{"sack",
                   opt::Sack{{{1, 2}, {0xfffffffe, 0x10}}},
                   {5, 18, 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 0x10},
                   "sack 1:2 4294967294:16"},
        OptionCase{"timestamp",
                   opt::Timestamp{0x01020304, 0xa0b0c0d0},
                   {8, 10, 1, 2, 3, 4, 0xa0, 0xb0, 0xc0, 0xd0},
                   "TS val 16909060 ecr 2695938256"},
        OptionCase{"md5", opt::Md5{{0xaa, 0xbb}}, {19, 4, 0xaa, 0xbb}, "md5 aabb"},
        OptionCase{"md5_empty", opt::Md5{{}}, {19, 2}, "md5"},
        OptionCase{"fast_open", opt::FastOpen{{1, 2, 3, 4}, false}, {34, 6, 1, 2, 3, 4}, "FO 01020304"},
        OptionCase{"fast_open_request", opt::FastOpen{{}, false}, {34, 2}, "FO"},
        OptionCase{"fast_open_experimental",
                   opt::FastOpen{{0xde, 0xad}, true},
                   {254, 6, 0xf9, 0x89, 0xde, 0xad},
                   "FOEXP dead"},
        OptionCase{"accecn_order_0",
                   opt::AccEcn{0, {1, 0x123456, 0xffffff}},
                   {172, 11, 0, 0, 1, 0x12, 0x34, 0x56, 0xff, 0xff, 0xff},
                   "ECN e0b 1 ceb 1193046 e1b 16777215"},
        OptionCase{"accecn_order_1", opt::AccEcn{1, {5, 6}}, {174, 8, 0, 0, 5, 0, 0, 6},
                   "ECN e1b 5 ceb 6"},
        OptionCase{"generic", opt::Generic{30, std::nullopt, {0x11, 0x22}}, {30, 4, 0x11, 0x22},
                   "kind 30 0x1122"},
        OptionCase{"generic_empty", opt::Generic{99, std::nullopt, {}}, {99, 2}, "kind 99"},
        OptionCase{"experimental_without_fast_open_magic",
                   opt::Generic{254, std::nullopt, {0x12, 0x34}}, {254, 4, 0x12, 0x34},
                   "kind 254 0x1234"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(TcpOptionCodecTest, GenericWritesAGivenLengthEvenWhenItDisagreesWithTheData) {
  EXPECT_EQ(encoded({opt::Generic{2, 3, {0x05, 0xb4}}}), (Bytes{2, 3, 0x05, 0xb4}));
  EXPECT_EQ(format_tcp_option(opt::Generic{2, 3, {0x05, 0xb4}}), "kind 2 len 3 0x05b4");
}

TEST(TcpOptionCodecTest, WellFormedLengthsOfKnownKindsDecodeTyped) {
  // A 3-byte mss or a 9-byte timestamp is not that option: keep the bytes as Generic.
  EXPECT_EQ(decode_tcp_options(Bytes{2, 3, 5, 1}),
            (ast::TcpOptionList{{opt::Generic{2, std::nullopt, {5}}, opt::Nop{}}}));
  EXPECT_EQ(decode_tcp_options(Bytes{5, 2, 1, 1}),
            (ast::TcpOptionList{{opt::Generic{5, std::nullopt, {}}, opt::Nop{}, opt::Nop{}}}));
  EXPECT_EQ(decode_tcp_options(Bytes{172, 4, 1, 2}),
            (ast::TcpOptionList{{opt::Generic{172, std::nullopt, {1, 2}}}}));
}

TEST(TcpOptionCodecTest, PrintsWildcards) {
  EXPECT_EQ(format_tcp_option(opt::Mss{}), "mss *");
  EXPECT_EQ(format_tcp_option(opt::WindowScale{}), "wscale *");
  EXPECT_EQ(format_tcp_option(opt::Timestamp{std::nullopt, 5}), "TS val * ecr 5");
  EXPECT_EQ(format_tcp_option(opt::Sack{{}, true}), "sack *");
  EXPECT_EQ(format_tcp_option(opt::AccEcn{0, {1, std::nullopt}}), "ECN e0b 1 ceb *");
  EXPECT_EQ(format_tcp_options(ast::TcpOptionList{{opt::Nop{}, opt::Mss{1}}}), "nop,mss 1");
}

TEST(TcpOptionCodecTest, RejectsWildcardsWhenBuilding) {
  EXPECT_EQ(encode_error({opt::Mss{}}), "cannot build a packet with a wildcard mss *");
  EXPECT_EQ(encode_error({opt::WindowScale{}, opt::Nop{}}),
            "cannot build a packet with a wildcard wscale *");
  EXPECT_EQ(encode_error({opt::Timestamp{1, std::nullopt}}),
            "cannot build a packet with a wildcard TS ecr *");
  EXPECT_EQ(encode_error({opt::Timestamp{std::nullopt, 1}}),
            "cannot build a packet with a wildcard TS val *");
  EXPECT_EQ(encode_error({opt::Sack{{}, true}}), "cannot build a packet with a wildcard sack *");
  EXPECT_EQ(encode_error({opt::AccEcn{0, {std::nullopt}}}),
            "cannot build a packet with a wildcard AccECN counter *");
}

TEST(TcpOptionCodecTest, RejectsValuesThatDoNotFit) {
  EXPECT_EQ(encode_error({opt::Md5{Bytes(17, 1)}}), "md5 digest has 17 bytes, at most 16 fit");
  EXPECT_EQ(encode_error({opt::AccEcn{0, {1, 2, 3, 4}}}),
            "AccECN option has 4 counters, at most 3 fit");
  EXPECT_EQ(encode_error({opt::AccEcn{0, {0x1000000}}}),
            "AccECN counter 16777216 does not fit in 24 bits");
  EXPECT_EQ(encode_error({opt::Generic{30, std::nullopt, Bytes(39, 0)}}),
            "TCP option kind 30 needs 41 bytes, more than the 40 available");
}

TEST(TcpOptionCodecTest, RejectsListsThatDoNotFitTheHeader) {
  EXPECT_EQ(encode_error({opt::Mss{1}, opt::Nop{}}),
            "TCP options take 5 bytes, not a multiple of 4; add nop or eol to pad them");
  EXPECT_EQ(encode_error({opt::Timestamp{1, 1}, opt::Timestamp{1, 1}, opt::Timestamp{1, 1},
                          opt::Timestamp{1, 1}, opt::Mss{1}}),
            "TCP options take 44 bytes, more than the 40 a TCP header holds");
}

TEST(TcpOptionCodecTest, RejectsMalformedLengthsWhenDecoding) {
  EXPECT_EQ(decode_error({1, 1, 1, 2}), "TCP option kind 2 has no length byte");
  EXPECT_EQ(decode_error({2, 1, 1, 1}), "TCP option kind 2 has length 1, less than 2");
  EXPECT_EQ(decode_error({30, 0, 1, 1}), "TCP option kind 30 has length 0, less than 2");
  EXPECT_EQ(decode_error({1, 8, 10, 0}), "TCP option kind 8 of length 10 runs past the end of the TCP header");
}

}  // namespace
}  // namespace tcpdrill::codec::test
