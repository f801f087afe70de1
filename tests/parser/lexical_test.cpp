#include <gtest/gtest.h>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

std::string string_argument(std::string_view literal) {
  std::string line = "+0 write(3, " + std::string(literal) + ", 1) = 1";
  auto call = second_action<ast::Syscall>(line);
  return std::get<ast::StringLiteral>(call.arguments[1].value).bytes;
}

TEST(Lexical, StringEscapes) {
  EXPECT_EQ(string_argument(R"("a\nb\tc\rd\ve\f")"), "a\nb\tc\rd\ve\f");
  EXPECT_EQ(string_argument(R"("\x41\x00z")"), std::string("A\0z", 3));
}

TEST(Lexical, BackslashAndQuoteEscapesAreTheCharacters) {
  EXPECT_EQ(string_argument(R"("a\\b\"c")"), "a\\b\"c");
}

TEST(Lexical, KeywordPrefixIsAWord) {
  auto call = second_action<ast::Syscall>("+0 f(window, acked, tosser) = 0");
  EXPECT_EQ(std::get<ast::Symbol>(call.arguments[0].value).name, "window");
  EXPECT_EQ(std::get<ast::Symbol>(call.arguments[2].value).name, "tosser");
}

TEST(Lexical, Utf8CommentsDoNotShiftColumns) {
  ast::Script script = parse("// 完成三次握手\n0 close(3) = 0 // 注意\n  +0 close(4) = 0\n");
  EXPECT_EQ(event_at(script, 1).location, (SourceLocation{3, 3}));
}

TEST(Lexical, HexWordCookieStartingWithDigits) {
  auto segment = std::get<ast::TcpSegment>(
      second_action<ast::Packet>("+0 < S 0:0(0) win 1 <FO 3021b9d8,nop,nop>").body);
  EXPECT_EQ(std::get<ast::tcp_option::FastOpen>(std::get<ast::TcpOptionList>(segment.options).options[0]).cookie,
            (ast::Bytes{0x30, 0x21, 0xb9, 0xd8}));
}

// Found by the fuzzer: Flex's fast tables read past their end on such bytes.
TEST(Lexical, NulAndHighBytesInACommentAreIgnored) {
  std::string text("0 close(3) = 0 // \0\0\xff\xff\n+0 close(4) = 0\n", 39);
  EXPECT_EQ(parse(text).statements.size(), 2u);
}

TEST(Lexical, CarriageReturnsAreBlanks) {
  EXPECT_EQ(parse("0 close(3) = 0\r\n+0 close(4) = 0\r\n").statements.size(), 2u);
}

}  // namespace
}  // namespace tcpdrill::test
