#include "runtime/packet/tcp_option_image.h"

#include <gtest/gtest.h>

namespace tcpdrill::runtime::packet {
namespace {

namespace opt = ast::tcp_option;

TEST(TcpOptionImage, TypedOptionsHaveTheirWireBytes) {
  const auto mss = tcp_option_image(opt::Mss{1460});
  EXPECT_EQ(mss.kind, 2);
  EXPECT_EQ(mss.length, 4);
  EXPECT_EQ(mss.value, (std::vector<uint8_t>{0x05, 0xb4}));
  EXPECT_EQ(tcp_option_image(opt::Nop{}).length, 1);
  EXPECT_EQ(tcp_option_image(opt::Timestamp{1, 2}).length, 10);
  EXPECT_EQ(tcp_option_image(opt::Sack{{{1, 2}, {3, 4}}, false}).length, 18);
  const auto experimental = tcp_option_image(opt::FastOpen{{0xaa}, true});
  EXPECT_EQ(experimental.kind, 254);
  EXPECT_EQ(experimental.value, (std::vector<uint8_t>{0xf9, 0x89, 0xaa}));
  EXPECT_EQ(tcp_option_image(opt::AccEcn{1, {1, 2}}).kind, 174);
  EXPECT_EQ(tcp_option_image(opt::AccEcn{1, {1, 2}}).length, 8);
}

TEST(TcpOptionImage, GenericLengthMayDifferFromItsData) {
  const auto generic = tcp_option_image(opt::Generic{30, 6, {1, 2}});
  EXPECT_EQ(generic.length, 6);
  EXPECT_EQ(generic.value.size(), 2u);
  EXPECT_EQ(tcp_option_image(opt::Generic{30, std::nullopt, {1, 2}}).length, 4);
}

TEST(TcpOptionImage, DifferenceHonoursWildcards) {
  EXPECT_EQ(TcpOptionImage::difference(tcp_option_image(opt::Timestamp{std::nullopt, 5}),
                                       tcp_option_image(opt::Timestamp{9, 5})),
            std::nullopt);
  EXPECT_EQ(TcpOptionImage::difference(tcp_option_image(opt::Timestamp{std::nullopt, 5}),
                                       tcp_option_image(opt::Timestamp{9, 6})),
            std::optional<std::string_view>("bad value"));
  EXPECT_EQ(TcpOptionImage::difference(tcp_option_image(opt::Md5{{1, 2}}),
                                       tcp_option_image(opt::Md5{{1}})),
            std::optional<std::string_view>("bad length"));
  EXPECT_EQ(TcpOptionImage::difference(tcp_option_image(opt::Sack{{}, true}),
                                       tcp_option_image(opt::Sack{{{1, 2}}, false})),
            std::nullopt);
}

TEST(TcpOptionImage, SizeFallsBackForWildcardLength) {
  EXPECT_EQ(tcp_option_size(opt::Sack{{}, true}, 10), 10u);
  EXPECT_EQ(tcp_option_size(opt::WindowScale{std::nullopt}, 10), 3u);
}

}  // namespace
}  // namespace tcpdrill::runtime::packet
