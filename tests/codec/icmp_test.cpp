#include <gtest/gtest.h>

#include "codec/icmp_names.h"
#include "codec/packet_codec.h"
#include "tests/codec/codec_error.h"
#include "tests/codec/test_packets.h"

namespace tcpdrill::codec::test {
namespace {

IcmpTypeCode numbers(IpFamily family, const std::string& type,
                     const std::optional<std::string>& code = std::nullopt) {
  return resolve_icmp_names(family, type, code);
}

TEST(IcmpNamesTest, ResolvesIcmpv4Names) {
  EXPECT_EQ(numbers(IpFamily::V4, "echo_reply"), (IcmpTypeCode{0, 0}));
  EXPECT_EQ(numbers(IpFamily::V4, "unreachable", "port_unreachable"), (IcmpTypeCode{3, 3}));
  EXPECT_EQ(numbers(IpFamily::V4, "unreachable", "frag_needed"), (IcmpTypeCode{3, 4}));
  EXPECT_EQ(numbers(IpFamily::V4, "unreachable", "precedence_cutoff"), (IcmpTypeCode{3, 15}));
  EXPECT_EQ(numbers(IpFamily::V4, "echo_request"), (IcmpTypeCode{8, 0}));
  EXPECT_EQ(numbers(IpFamily::V4, "time_exceeded"), (IcmpTypeCode{11, 0}));
  EXPECT_EQ(numbers(IpFamily::V4, "address_mask_reply"), (IcmpTypeCode{18, 0}));
}

TEST(IcmpNamesTest, ResolvesIcmpv6Names) {
  EXPECT_EQ(numbers(IpFamily::V6, "unreachable", "port_unreachable"), (IcmpTypeCode{1, 4}));
  EXPECT_EQ(numbers(IpFamily::V6, "unreachable", "net_unreachable"), (IcmpTypeCode{1, 0}));
  EXPECT_EQ(numbers(IpFamily::V6, "unreachable", "no_route"), (IcmpTypeCode{1, 0}));
  EXPECT_EQ(numbers(IpFamily::V6, "packet_too_big"), (IcmpTypeCode{2, 0}));
  EXPECT_EQ(numbers(IpFamily::V6, "time_exceeded", "exceeded_frag_time"), (IcmpTypeCode{3, 1}));
  EXPECT_EQ(numbers(IpFamily::V6, "parameter_problem", "unknown_option"), (IcmpTypeCode{4, 2}));
  EXPECT_EQ(numbers(IpFamily::V6, "echo_request"), (IcmpTypeCode{128, 0}));
  EXPECT_EQ(numbers(IpFamily::V6, "echo_reply"), (IcmpTypeCode{129, 0}));
}

TEST(IcmpNamesTest, ResolvesGenericNumbers) {
  EXPECT_EQ(numbers(IpFamily::V4, "type_200", "code_255"), (IcmpTypeCode{200, 255}));
  EXPECT_EQ(numbers(IpFamily::V6, "type_3", "code_0"), (IcmpTypeCode{3, 0}));
  // A named code resolves under a numbered type that has a code table.
  EXPECT_EQ(numbers(IpFamily::V4, "type_3", "port_unreachable"), (IcmpTypeCode{3, 3}));
}

TEST(IcmpNamesTest, RejectsUnknownNames) {
  const auto error = [](IpFamily family, const std::string& type,
                        const std::optional<std::string>& code = std::nullopt) {
    return codec_error_of([&] { resolve_icmp_names(family, type, code); });
  };
  EXPECT_EQ(error(IpFamily::V6, "source_quench"), "bad ICMPv6 type 'source_quench'");
  EXPECT_EQ(error(IpFamily::V4, "packet_too_big"), "bad ICMPv4 type 'packet_too_big'");
  EXPECT_EQ(error(IpFamily::V4, "type_256"), "bad ICMPv4 type 'type_256'");
  EXPECT_EQ(error(IpFamily::V4, "type_x"), "bad ICMPv4 type 'type_x'");
  EXPECT_EQ(error(IpFamily::V4, "unreachable", "no_route"),
            "bad ICMPv4 code 'no_route' for type unreachable");
  EXPECT_EQ(error(IpFamily::V4, "echo_request", "port_unreachable"),
            "bad ICMPv4 code 'port_unreachable' for type echo_request");
  EXPECT_EQ(error(IpFamily::V6, "unreachable", "code_-1"),
            "bad ICMPv6 code 'code_-1' for type unreachable");
}

TEST(IcmpNamesTest, NamesNumbers) {
  EXPECT_EQ(icmp_type_name(IpFamily::V4, 3), "unreachable");
  EXPECT_EQ(icmp_type_name(IpFamily::V6, 3), "time_exceeded");
  EXPECT_EQ(icmp_type_name(IpFamily::V4, 99), "type_99");
  EXPECT_EQ(icmp_code_name(IpFamily::V4, 3, 0), "net_unreachable");
  EXPECT_EQ(icmp_code_name(IpFamily::V6, 1, 0), "no_route");
  EXPECT_EQ(icmp_code_name(IpFamily::V4, 11, 0), std::nullopt);
  EXPECT_EQ(icmp_code_name(IpFamily::V4, 11, 1), "code_1");
  EXPECT_EQ(icmp_code_name(IpFamily::V4, 3, 16), "code_16");
}

ast::Packet icmp_message(std::string type, std::optional<std::string> code,
                         std::optional<uint32_t> mtu, std::optional<uint16_t> id,
                         decltype(ast::IcmpMessage::echoed) echoed = ast::icmp_echoed::DefaultTcp{}) {
  ast::Packet packet = icmp(std::move(type), std::move(code));
  auto& message = std::get<ast::IcmpMessage>(packet.body);
  message.mtu = mtu;
  message.echo_id = id;
  message.echoed = echoed;
  return packet;
}

TEST(IcmpCodecTest, DefaultQuoteIsATcpHeaderAtSequenceZeroOfTheReversedFlow) {
  const Bytes bytes = encode_packet(icmp("unreachable", "port_unreachable"), ipv4_endpoints());
  ASSERT_EQ(bytes.size(), 20u + 8 + 20 + 8);
  const Bytes quote(bytes.begin() + 28, bytes.end());
  EXPECT_EQ(quote[9], 6) << "TCP";
  EXPECT_EQ(quote[2] << 8 | quote[3], 40) << "quoted IP length claims a bare TCP header";
  EXPECT_EQ(Bytes(quote.begin() + 12, quote.begin() + 20),
            (Bytes{192, 0, 2, 2, 192, 0, 2, 1}));
  EXPECT_EQ(Bytes(quote.begin() + 20, quote.end()),
            (Bytes{0x23, 0x82, 0x1f, 0x90, 0, 0, 0, 0})) << "9090 > 8080, seq 0";
}

TEST(IcmpCodecTest, RawIsAnIcmpMessageOfThatManyBytes) {
  const Bytes bytes = encode_packet(icmp_message("echo_request", {}, {}, 0x1234, ast::icmp_echoed::Raw{12}),
                                    ipv6_endpoints());
  ASSERT_EQ(bytes.size(), 40u + 12);
  EXPECT_EQ(Bytes(bytes.begin() + 40, bytes.begin() + 42), (Bytes{128, 0}));
  EXPECT_EQ(Bytes(bytes.begin() + 44, bytes.end()), (Bytes{0x12, 0x34, 0, 0, 0, 0, 0, 0}));
}

TEST(IcmpCodecTest, WritesTheMtuWhereEachFamilyKeepsIt) {
  const Bytes v4 = encode_packet(icmp_message("unreachable", "frag_needed", 1400, {}), ipv4_endpoints());
  EXPECT_EQ(Bytes(v4.begin() + 24, v4.begin() + 28), (Bytes{0, 0, 0x05, 0x78}));
  const Bytes v6 = encode_packet(icmp_message("packet_too_big", {}, 70000, {}), ipv6_endpoints());
  EXPECT_EQ(Bytes(v6.begin() + 44, v6.begin() + 48), (Bytes{0, 0x01, 0x11, 0x70}));
}

TEST(IcmpCodecTest, RejectsWhatCannotBeBuilt) {
  const auto error = [](const ast::Packet& packet, const Endpoints& endpoints) {
    return codec_error_of([&] { encode_packet(packet, endpoints); });
  };
  EXPECT_EQ(error(icmp_message("unreachable", "port_unreachable", 1400, {}), ipv4_endpoints()),
            "ICMPv4 mtu is only valid for unreachable frag_needed");
  EXPECT_EQ(error(icmp_message("unreachable", "frag_needed", 65536, {}), ipv4_endpoints()),
            "ICMPv4 mtu 65536 does not fit 16 bits");
  EXPECT_EQ(error(icmp_message("unreachable", {}, 1400, {}), ipv6_endpoints()),
            "ICMPv6 mtu is only valid for packet_too_big");
  EXPECT_EQ(error(icmp_message("packet_too_big", {}, 1400, 1), ipv6_endpoints()),
            "ICMPv6 packet_too_big has no room for an id");
  EXPECT_EQ(error(icmp_message("echo_request", {}, {}, {}, ast::icmp_echoed::Raw{7}), ipv4_endpoints()),
            "[raw (7)] is shorter than the 8-byte ICMP header");
  EXPECT_EQ(error(icmp("packet_too_big"), ipv4_endpoints()), "bad ICMPv4 type 'packet_too_big'");
}

TEST(IcmpCodecTest, DecodesABodyThatIsNotAQuoteAsRaw) {
  Bytes bytes = encode_packet(icmp_message("echo_reply", {}, {}, 5, ast::icmp_echoed::Raw{40}),
                              ipv4_endpoints());
  const DecodedPacket decoded = decode_packet(bytes, ast::Direction::Outbound);
  const auto& message = std::get<ast::IcmpMessage>(decoded.packet.body);
  EXPECT_EQ(message.echoed, (decltype(message.echoed){ast::icmp_echoed::Raw{40}}));
  EXPECT_EQ(decoded.wire.icmp_type, 0);
  EXPECT_EQ(message.echo_id, 5);
}

TEST(IcmpCodecTest, DecodesALongKernelQuoteUsingItsDataOffset) {
  // Kernels quote far more than 8 bytes; the TCP data offset then shows the header
  // length, here 32 bytes (12 of options) ahead of 100 payload bytes.
  Bytes bytes = encode_packet(icmp_message("time_exceeded", {}, {}, {}, ast::icmp_echoed::Raw{8 + 20 + 32}),
                              ipv4_endpoints());
  const Bytes quote = {0x45, 0, 0, 152, 0, 0, 0, 0, 64, 6, 0, 0, 192, 0, 2, 2, 192, 0, 2, 1,
                       0x23, 0x82, 0x1f, 0x90, 0, 0, 0x10, 0, 0, 0, 0, 0, 0x80, 0x10};
  std::copy(quote.begin(), quote.end(), bytes.begin() + 28);
  const auto decoded = decode_packet(bytes, ast::Direction::Outbound);
  EXPECT_EQ(std::get<ast::IcmpMessage>(decoded.packet.body).echoed,
            (decltype(ast::IcmpMessage::echoed){ast::icmp_echoed::Tcp{4096, 4196, 100}}));
  EXPECT_FALSE(decoded.wire.transport_checksum_ok) << "bytes changed after the checksum";
}

}  // namespace
}  // namespace tcpdrill::codec::test
