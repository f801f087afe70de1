// build -> encode -> decode -> compare AST -> print -> compare text -> parse -> compare
// AST, for every packet kind and option, over IPv4 and IPv6.
#include <gtest/gtest.h>

#include "codec/packet_codec.h"
#include "tests/codec/test_packets.h"

namespace tcpdrill::codec::test {
namespace {

struct RoundTripCase {
  std::string name;
  ast::Packet packet;  // in the canonical form decode_packet returns
  std::string text;
  std::vector<IpFamily> families = {IpFamily::V4, IpFamily::V6};
  // The grammar, like packetdrill's, wants END == START + LEN without wrapping.
  bool parses = true;
};

const std::vector<IpFamily> kBothFamilies = {IpFamily::V4, IpFamily::V6};

const std::vector<IpFamily> kIpv4Only = {IpFamily::V4};
const std::vector<IpFamily> kIpv6Only = {IpFamily::V6};

ast::Packet data_ack() { return Tcp(".", 1, 0).ports(8080, 9090).ack(1).win(257); }

ast::Packet with_options(std::vector<ast::TcpOption> options) {
  return Tcp(".", 1, 0).ports(8080, 9090).ack(1).win(257).options(std::move(options));
}

ast::Packet icmp_with(ast::Packet packet, std::optional<uint32_t> mtu,
                      std::optional<uint16_t> echo_id,
                      decltype(ast::IcmpMessage::echoed) echoed) {
  auto& message = std::get<ast::IcmpMessage>(packet.body);
  message.mtu = mtu;
  message.echo_id = echo_id;
  message.echoed = echoed;
  return packet;
}

ast::GreHeader gre(uint16_t flags, uint32_t key, uint32_t sequence) {
  ast::GreHeader header;
  header.flags = flags;
  header.key = key;
  header.sequence = sequence;
  return header;
}

ast::MplsLabelStack two_labels() {
  return {{{100, 1, false, 64}, {200, 0, true, 63}}};
}

std::vector<RoundTripCase> cases() {
  const auto syn_options = std::vector<ast::TcpOption>{
      opt::Mss{1460}, opt::SackPermitted{}, opt::Timestamp{100, 0}, opt::Nop{},
      opt::WindowScale{7}};
  namespace echoed = ast::icmp_echoed;
  ast::OuterIpv6 outer_with_tos = outer_ipv6("2001:db8:1::1", "2001:db8:1::2");
  outer_with_tos.info.tos = ast::TosSpec{ast::TosSpec::Kind::Byte, 0x20};
  ast::Packet udp_with_payload = udp(3, ast::PortPair{5353, 53});
  std::get<ast::UdpDatagram>(udp_with_payload.body).payload = Bytes{0x00, 0xff, 0x01};
  return {
      {"syn", Tcp("S", 0, 0).ports(8080, 9090).win(65535).options(syn_options),
       "8080>9090 S 0:0(0) win 65535 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>"},
      {"syn_ack", Tcp("S.", 0, 0).ports(8080, 9090).ack(1).win(65535).options(syn_options),
       "8080>9090 S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>"},
      {"data", Tcp("P.", 1, 1000).ports(8080, 9090).ack(1).win(257),
       "8080>9090 P. 1:1001(1000) ack 1 win 257"},
      {"wrapping_sequence", Tcp(".", 4294967000u, 1000).ports(8080, 9090).ack(1).win(257),
       "8080>9090 . 4294967000:704(1000) ack 1 win 257", kBothFamilies, false},
      {"payload", Tcp("P.", 1, 4).ports(8080, 9090).ack(1).win(257).payload({0xde, 0xad, 0xbe, 0xef}),
       "8080>9090 P. 1:5(4) ack 1 win 257 payload 0xdeadbeef"},
      {"no_flags", Tcp("-", 1, 0).ports(8080, 9090).win(0), "8080>9090 - 1:1(0) win 0"},
      {"every_flag", Tcp("FSRPUEWA.", 1, 0).ports(1, 2).ack(7).win(3).urg(5),
       "1>2 FSRPUEWA. 1:1(0) ack 7 win 3 urg 5"},
      {"sack", with_options({opt::Sack{{{4001, 5001}}}, opt::Nop{}, opt::Nop{}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <sack 4001:5001,nop,nop>"},
      {"four_sack_blocks",
       with_options({opt::Nop{}, opt::Nop{},
                     opt::Sack{{{1, 2}, {3, 4}, {5, 6}, {4294967295u, 7}}}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <nop,nop,sack 1:2 3:4 5:6 4294967295:7>"},
      {"eol", with_options({opt::Nop{}, opt::Nop{}, opt::Nop{}, opt::EndOfList{}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <nop,nop,nop,eol>"},
      {"md5", with_options({opt::Md5{bytes_of_hex("00112233445566778899aabbccddeeff")},
                            opt::Nop{}, opt::Nop{}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <md5 00112233445566778899aabbccddeeff,nop,nop>"},
      {"fast_open", with_options({opt::FastOpen{bytes_of_hex("0011223344556677"), false},
                                  opt::Nop{}, opt::Nop{}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <FO 0011223344556677,nop,nop>"},
      {"fast_open_without_cookie", with_options({opt::FastOpen{{}, false}, opt::Nop{}, opt::Nop{}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <FO,nop,nop>"},
      {"fast_open_experimental", with_options({opt::FastOpen{bytes_of_hex("0011223344556677"), true}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <FOEXP 0011223344556677>"},
      {"accecn_order_0", with_options({opt::AccEcn{0, {1, 2, 3}}, opt::Nop{}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <ECN e0b 1 ceb 2 e1b 3,nop>"},
      {"accecn_order_1", with_options({opt::AccEcn{1, {16777215}}, opt::Nop{}, opt::Nop{}, opt::Nop{}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <ECN e1b 16777215,nop,nop,nop>"},
      {"generic_option", with_options({opt::Generic{30, std::nullopt, {0x11, 0x22}}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <kind 30 0x1122>"},
      {"malformed_known_kind_reads_as_generic",
       with_options({opt::Generic{2, std::nullopt, {0x05}}, opt::Nop{}}),
       "8080>9090 . 1:1(0) ack 1 win 257 <kind 2 0x05,nop>"},
      {"ecn", with_ip_info(data_ack(), {ast::TosSpec{ast::TosSpec::Kind::Ecn, 2}, {}, {}}),
       "[ect0] 8080>9090 . 1:1(0) ack 1 win 257"},
      {"tos_byte", with_ip_info(data_ack(), {ast::TosSpec{ast::TosSpec::Kind::Byte, 0xb9}, {}, {}}),
       "(tos 0xb9) 8080>9090 . 1:1(0) ack 1 win 257"},
      {"ttl", with_ip_info(data_ack(), {{}, {}, 64}), "(ttl 64) 8080>9090 . 1:1(0) ack 1 win 257"},
      {"flow_label", with_ip_info(data_ack(), {ast::TosSpec{ast::TosSpec::Kind::Ecn, 3}, 0x12345, {}}),
       "[ce, flowlabel 0x12345] 8080>9090 . 1:1(0) ack 1 win 257", kIpv6Only},
      {"udp", udp(100, ast::PortPair{5353, 53}), "udp 5353>53 (100)"},
      {"udp_empty", udp(0, ast::PortPair{5353, 53}), "udp 5353>53 (0)"},
      {"udp_payload", udp_with_payload, "udp 5353>53 (3) payload 0x00ff01"},
      {"icmpv4_port_unreachable",
       icmp_with(icmp("unreachable", "port_unreachable"), {}, {}, echoed::Udp{10}),
       "icmp unreachable port_unreachable [udp (10)]", kIpv4Only},
      {"icmpv4_frag_needed",
       icmp_with(icmp("unreachable", "frag_needed"), 1400, {}, echoed::Tcp{1, 1001, 1000}),
       "icmp unreachable frag_needed mtu 1400 [1:1001(1000)]", kIpv4Only},
      {"icmpv4_default_quote", icmp("unreachable", "host_unreachable"),
       "icmp unreachable host_unreachable", kIpv4Only},
      {"icmpv4_echo", icmp_with(icmp("echo_request"), {}, 7, echoed::Raw{64}),
       "icmp echo_request id 7 [raw (64)]", kIpv4Only},
      {"icmpv4_time_exceeded", icmp("time_exceeded"), "icmp time_exceeded", kIpv4Only},
      {"icmp_generic_numbers", icmp_with(icmp("type_42", "code_3"), {}, {}, echoed::Raw{8}),
       "icmp type_42 code_3 [raw (8)]"},
      {"icmpv6_packet_too_big",
       icmp_with(icmp("packet_too_big"), 1280, {}, echoed::Tcp{1, 1001, 1000}),
       "icmp packet_too_big mtu 1280 [1:1001(1000)]", kIpv6Only},
      {"icmpv6_port_unreachable",
       icmp_with(icmp("unreachable", "port_unreachable"), {}, {}, echoed::Udp{10}),
       "icmp unreachable port_unreachable [udp (10)]", kIpv6Only},
      {"icmpv6_frag_time", icmp("time_exceeded", "exceeded_frag_time"),
       "icmp time_exceeded exceeded_frag_time", kIpv6Only},
      {"icmpv6_echo_reply", icmp_with(icmp("echo_reply"), {}, 9, echoed::Raw{16}),
       "icmp echo_reply id 9 [raw (16)]", kIpv6Only},
      {"ecn_on_icmp",
       with_ip_info(icmp("time_exceeded"), {ast::TosSpec{ast::TosSpec::Kind::Ecn, 1}, {}, {}}),
       "[ect1] icmp time_exceeded", kIpv4Only},
      {"outer_ipv4", with_outer(data_ack(), {outer_ipv4("10.0.0.1", "10.0.0.2")}),
       "ipv4 10.0.0.1 > 10.0.0.2: 8080>9090 . 1:1(0) ack 1 win 257"},
      {"outer_ipv6_with_info", with_outer(data_ack(), {outer_with_tos}),
       "ipv6 (tos 0x20) 2001:db8:1::1 > 2001:db8:1::2: 8080>9090 . 1:1(0) ack 1 win 257"},
      {"gre_plain", with_outer(data_ack(), {outer_ipv4("10.0.0.1", "10.0.0.2"), ast::GreHeader{}}),
       "ipv4 10.0.0.1 > 10.0.0.2: gre: 8080>9090 . 1:1(0) ack 1 win 257"},
      {"gre_key_and_sequence",
       with_outer(data_ack(), {outer_ipv6("2001:db8:1::1", "2001:db8:1::2"), gre(0x3000, 0x1234, 5)}),
       "ipv6 2001:db8:1::1 > 2001:db8:1::2: gre flags 0x3000 sum 0x0 off 0x0 key 0x1234 seq 0x5: "
       "8080>9090 . 1:1(0) ack 1 win 257"},
      {"mpls_in_ip", with_outer(data_ack(), {outer_ipv4("10.0.0.1", "10.0.0.2"), two_labels()}),
       "ipv4 10.0.0.1 > 10.0.0.2: mpls (label 100, tc 1, ttl 64) (label 200, tc 0, [S], ttl 63): "
       "8080>9090 . 1:1(0) ack 1 win 257"},
      {"mpls_in_gre",
       with_outer(udp(20, ast::PortPair{1, 2}),
                  {outer_ipv4("10.0.0.1", "10.0.0.2"), gre(0x2000, 7, 0), two_labels()}),
       "ipv4 10.0.0.1 > 10.0.0.2: gre flags 0x2000 sum 0x0 off 0x0 key 0x7 seq 0x0: "
       "mpls (label 100, tc 1, ttl 64) (label 200, tc 0, [S], ttl 63): udp 1>2 (20)"},
  };
}

struct RoundTripParam {
  RoundTripCase test_case;
  IpFamily family;
};

std::vector<RoundTripParam> params() {
  std::vector<RoundTripParam> all;
  for (auto& test_case : cases()) {
    for (IpFamily family : test_case.families) all.push_back({test_case, family});
  }
  return all;
}

class RoundTripTest : public ::testing::TestWithParam<RoundTripParam> {};

TEST_P(RoundTripTest, DecodesToTheSamePacketAndPrintsTheSameText) {
  const auto& [test_case, family] = GetParam();
  for (auto direction : {ast::Direction::Inbound, ast::Direction::Outbound}) {
    ast::Packet packet = test_case.packet;
    packet.direction = direction;
    const Bytes bytes = encode_packet(packet, endpoints_of(family));
    const DecodedPacket decoded = decode_packet(bytes, direction);
    EXPECT_EQ(decoded.packet, packet);
    EXPECT_EQ(format_packet(packet), test_case.text);
    EXPECT_EQ(format_packet(decoded.packet), test_case.text);
    if (test_case.parses) {
      EXPECT_EQ(parsed_packet(test_case.text, direction), packet);
    }
    EXPECT_TRUE(decoded.wire.ipv4_checksum_ok);
    EXPECT_TRUE(decoded.wire.transport_checksum_ok);
    EXPECT_EQ(decoded.wire.family, family);
    EXPECT_EQ(decoded.wire.source, endpoints_of(family).source);
    EXPECT_EQ(decoded.wire.destination, endpoints_of(family).destination);
    EXPECT_EQ(encode_packet(decoded.packet, endpoints_of(family)), bytes);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Codec, RoundTripTest, ::testing::ValuesIn(params()),
    [](const ::testing::TestParamInfo<RoundTripParam>& info) {
      return info.param.test_case.name + (info.param.family == IpFamily::V4 ? "_ipv4" : "_ipv6");
    });

}  // namespace
}  // namespace tcpdrill::codec::test
