#include <gtest/gtest.h>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

namespace opt = ast::tcp_option;

ast::TcpOptionList options(std::string_view line) {
  auto segment = std::get<ast::TcpSegment>(second_action<ast::Packet>(line).body);
  return std::get<ast::TcpOptionList>(segment.options);
}

ast::TcpOptionList inbound_options(std::string_view list) {
  return options("+0 < S 0:0(0) win 1 <" + std::string(list) + ">");
}

ast::TcpOptionList outbound_options(std::string_view list) {
  return options("+0 > S 0:0(0) <" + std::string(list) + ">");
}

TEST(TcpOptions, HandshakeOptionsInOrder) {
  ast::TcpOptionList list = inbound_options("mss 1000,sackOK,nop,nop,nop,wscale 7");
  std::vector<ast::TcpOption> expected = {opt::Mss{1000}, opt::SackPermitted{}, opt::Nop{},
                                          opt::Nop{},      opt::Nop{},           opt::WindowScale{7}};
  EXPECT_EQ(list.options, expected);
}

TEST(TcpOptions, EndOfList) {
  EXPECT_EQ(inbound_options("nop,nop,nop,eol").options.back(), ast::TcpOption{opt::EndOfList{}});
}

TEST(TcpOptions, SackBlocks) {
  ast::TcpOptionList list = inbound_options("nop,nop,sack 2001:3001 4001:5001");
  EXPECT_EQ(list.options.back(),
            ast::TcpOption(opt::Sack{{{2001, 3001}, {4001, 5001}}, false}));
}

TEST(TcpOptions, Timestamp) {
  EXPECT_EQ(inbound_options("nop,nop,TS val 100 ecr 0").options.back(),
            ast::TcpOption(opt::Timestamp{100, 0}));
}

TEST(TcpOptions, Md5Digest) {
  ast::TcpOptionList list = inbound_options("nop,nop,md5 000102030405060708090a0b0c0d0e0f");
  ast::Bytes digest;
  for (uint8_t i = 0; i < 16; ++i) digest.push_back(i);
  EXPECT_EQ(list.options.back(), ast::TcpOption(opt::Md5{digest}));
}

TEST(TcpOptions, FastOpenCookieAndEmptyRequest) {
  EXPECT_EQ(inbound_options("FO 3021b9d889017eeb,nop,nop").options.front(),
            ast::TcpOption(opt::FastOpen{{0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb}, false}));
  EXPECT_EQ(inbound_options("nop,nop,FO").options.back(), ast::TcpOption(opt::FastOpen{{}, false}));
}

TEST(TcpOptions, ExperimentalFastOpen) {
  EXPECT_EQ(inbound_options("FOEXP 1234,nop,nop").options.front(),
            ast::TcpOption(opt::FastOpen{{0x12, 0x34}, true}));
}

TEST(TcpOptions, FastOpenCookieFromDefine) {
  ast::Script script = parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                             "+0 < S 0:0(0) win 1 <FO COOKIE,nop,nop>",
                             {{"COOKIE", "aabbccdd"}});
  auto segment = std::get<ast::TcpSegment>(std::get<ast::Packet>(event_at(script, 1).action).body);
  EXPECT_EQ(std::get<ast::TcpOptionList>(segment.options).options.front(),
            ast::TcpOption(opt::FastOpen{{0xaa, 0xbb, 0xcc, 0xdd}, false}));
}

TEST(TcpOptions, AccEcnOrderZero) {
  EXPECT_EQ(inbound_options("ECN e0b 1 ceb 2 e1b 3,nop").options.front(),
            ast::TcpOption(opt::AccEcn{0, {1, 2, 3}}));
}

TEST(TcpOptions, AccEcnOrderOneShort) {
  EXPECT_EQ(inbound_options("nop,nop,nop,ECN e1b 7").options.back(),
            ast::TcpOption(opt::AccEcn{1, {7}}));
}

TEST(TcpOptions, AnyOptionsOutbound) {
  auto segment = std::get<ast::TcpSegment>(second_action<ast::Packet>("+0 > S. 0:0(0) ack 1 <...>").body);
  EXPECT_TRUE(std::holds_alternative<ast::AnyTcpOptions>(segment.options));
}

TEST(TcpOptions, PerOptionWildcardsOutbound) {
  ast::TcpOptionList list = outbound_options("mss 1460,sackOK,TS val * ecr *,nop,wscale *");
  std::vector<ast::TcpOption> expected = {opt::Mss{1460}, opt::SackPermitted{},
                                          opt::Timestamp{std::nullopt, std::nullopt}, opt::Nop{},
                                          opt::WindowScale{std::nullopt}};
  EXPECT_EQ(list.options, expected);
}

TEST(TcpOptions, SackWildcardSetsAny) {
  EXPECT_EQ(outbound_options("nop,nop,sack *").options.back(), ast::TcpOption(opt::Sack{{}, true}));
}

TEST(TcpOptions, MssWildcard) {
  EXPECT_EQ(outbound_options("mss *").options.front(), ast::TcpOption(opt::Mss{std::nullopt}));
}

TEST(TcpOptions, GenericOptionWithLengthAndData) {
  EXPECT_EQ(inbound_options("kind 30 len 4 0x1122").options.front(),
            ast::TcpOption(opt::Generic{30, 4, {0x11, 0x22}}));
}

TEST(TcpOptions, GenericOptionWithoutLength) {
  EXPECT_EQ(inbound_options("kind 253 0xabcd").options.front(),
            ast::TcpOption(opt::Generic{253, std::nullopt, {0xab, 0xcd}}));
}

}  // namespace
}  // namespace tcpdrill::test
