#include <gtest/gtest.h>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

TEST(SemanticError, NegativeTime) {
  EXPECT_PARSE_ERROR(after_socket("-1 close(3) = 0"), 2, 1, "negative time");
}

TEST(SemanticError, BackwardsRange) {
  EXPECT_PARSE_ERROR(after_socket("+2~+1 > . 1:1(0) ack 1"), 2, 5, "time range is backwards");
}

TEST(SemanticError, StarOnlyOnOutboundPackets) {
  EXPECT_PARSE_ERROR(after_socket("* < . 1:1(0) ack 1 win 1"), 2, 1,
                     "event time <star> can only be used with outbound packets");
  EXPECT_PARSE_ERROR(after_socket("* close(3) = 0"), 2, 1,
                     "event time <star> can only be used with outbound packets");
}

TEST(SemanticError, RangeOnlyOnOutboundPackets) {
  EXPECT_PARSE_ERROR(after_socket("1~2 write(3, ..., 1) = 1"), 2, 1,
                     "event time range can only be used with outbound packets");
}

TEST(SemanticError, FirstEventAtTimeZero) {
  EXPECT_PARSE_ERROR("// comment\n  0.5 close(3) = 0\n", 2, 3, "first event should be at time 0");
}

TEST(SemanticError, AbsoluteTimeGoesBackwards) {
  EXPECT_PARSE_ERROR(after_socket("1 close(3) = 0\n0.5 close(3) = 0"), 3, 1,
                     "time goes backward in script from 1000000 usec to 500000 usec");
}

TEST(SemanticError, BlockingCallEndsBeforeStart) {
  EXPECT_PARSE_ERROR(after_socket("+1...0.5 read(3, ..., 1) = 1"), 2, 1, "blocking system call ends before it starts");
}

TEST(SemanticError, WindowRequiredInbound) {
  EXPECT_PARSE_ERROR(after_socket("+0 < . 1:1(0) ack 1"), 2, 4, "window must be specified for inbound packets");
}

TEST(SemanticError, InconsistentSequence) {
  EXPECT_PARSE_ERROR(after_socket("+0 < . 1:10(10) ack 1 win 1"), 2, 10,
                     "inconsistent TCP sequence numbers and payload size");
}

TEST(SemanticError, ConflictingAceDigitAndEce) {
  EXPECT_PARSE_ERROR(after_socket("+0 > SE.5 0:0(0) ack 1"), 2, 9, "Conflicting TCP flag: '5'");
}

TEST(SemanticError, ConflictingEceAfterAceDigit) {
  EXPECT_PARSE_ERROR(after_socket("+0 > S2E 0:0(0) ack 1"), 2, 8, "Conflicting TCP flag: 'E'");
}

TEST(SemanticError, TwoAceDigits) {
  EXPECT_PARSE_ERROR(after_socket("+0 > S2.5 0:0(0) ack 1"), 2, 9, "Conflicting TCP flag: '5'");
}

TEST(SemanticError, UnknownFlagLetterIsNamed) {
  EXPECT_PARSE_ERROR(after_socket("+0 < SX 0:0(0) win 1"), 2, 7, "Invalid TCP flag: 'X'");
}

TEST(SemanticError, OptionsNotPadded) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 1 <mss 1000,wscale 7>"), 2, 21,
                     "TCP options are not padded correctly to ensure TCP header is a multiple of 4 "
                     "bytes: 3 excess bytes");
}

TEST(SemanticError, OptionsTooLong) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 1 <sack 1:2 3:4 5:6 7:8 9:10,nop,nop>"), 2, 21,
                     "TCP option list too long");
}

TEST(SemanticError, MssOutOfRange) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 1 <mss 65536>"), 2, 26, "mss value out of range");
}

TEST(SemanticError, WindowScaleOutOfRange) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 1 <wscale 256,nop>"), 2, 29,
                     "window scale shift count out of range");
}

TEST(SemanticError, Ect01OutboundOnly) {
  EXPECT_PARSE_ERROR(after_socket("+0 < [ect01] . 1:1(0) ack 1 win 1"), 2, 7,
                     "[ect01] can only be used with outbound packets");
}

TEST(SemanticError, EcnOnUdp) {
  EXPECT_PARSE_ERROR(after_socket("+0 < [ect0] udp (10)"), 2, 6, "ECN can only be used with TCP packets");
}

TEST(SemanticError, AnyOptionsInbound) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 1 <...>"), 2, 21,
                     "<...> for TCP options can only be used with outbound packets");
}

TEST(SemanticError, WildcardInbound) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 1 <mss *>"), 2, 26,
                     "wildcard '*' can only be used with outbound packets");
}

TEST(SemanticError, SackWildcardInbound) {
  EXPECT_PARSE_ERROR(after_socket("+0 < . 1:1(0) win 1 <nop,nop,sack *>"), 2, 35,
                     "wildcard '*' can only be used with outbound packets");
}

TEST(SemanticError, TosMustBeHex) {
  EXPECT_PARSE_ERROR(after_socket("+0 < (tos 12) . 1:1(0) ack 1 win 1"), 2, 11, "tos value must be hexadecimal (0x...)");
}

TEST(SemanticError, TosOutOfRange) {
  EXPECT_PARSE_ERROR(after_socket("+0 < (tos 0x100) . 1:1(0) ack 1 win 1"), 2, 11, "tos out of range for 8 bits");
}

TEST(SemanticError, FlowLabelMustBeHex) {
  EXPECT_PARSE_ERROR(after_socket("+0 < (flowlabel 5) . 1:1(0) ack 1 win 1"), 2, 17,
                     "flowlabel value must be hexadecimal (0x...)");
}

TEST(SemanticError, FlowLabelOutOfRange) {
  EXPECT_PARSE_ERROR(after_socket("+0 < (flowlabel 0x100000) . 1:1(0) ack 1 win 1"), 2, 17,
                     "flowlabel out of range for 20 bits");
}

TEST(SemanticError, OddCookieDigits) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 1 <FO 123,nop>"), 2, 25,
                     "TCP fast open cookie has an odd number of digits");
}

TEST(SemanticError, OddMd5Digits) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 1 <md5 abc>"), 2, 26, "TCP MD5 digest has an odd number of digits");
}

TEST(SemanticError, NonHexCookie) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 1 <FO zz,nop,nop>"), 2, 25,
                     "TCP fast open cookie is not hexadecimal: zz");
}

TEST(SemanticError, UnknownErrnoIsNamed) {
  EXPECT_PARSE_ERROR(after_socket("+0 close(3) = -1 EBOGUS (No such thing)"), 2, 18, "unknown errno name 'EBOGUS'");
}

TEST(SemanticError, UnknownIcmpType) {
  EXPECT_PARSE_ERROR(after_socket("+0 < icmp bogus_type"), 2, 11, "unknown ICMP type 'bogus_type'");
}

TEST(SemanticError, UnknownIcmpCode) {
  EXPECT_PARSE_ERROR(after_socket("+0 < icmp unreachable frag_needed_typo"), 2, 23,
                     "unknown ICMP code 'frag_needed_typo' for type 'unreachable'");
}

TEST(SemanticError, IcmpMtuOnlyWhereTheMessageCarriesOne) {
  EXPECT_PARSE_ERROR(after_socket("+0 < icmp unreachable port_unreachable mtu 1200"), 2, 40,
                     "ICMP mtu can only be used with unreachable frag_needed or packet_too_big");
}

TEST(SemanticError, UnknownTcpOptionIsNamed) {
  EXPECT_PARSE_ERROR(after_socket("+0 < S 0:0(0) win 32792 <mss 1000,bogus>"), 2, 35, "unknown TCP option 'bogus'");
}

TEST(SemanticError, SequenceOutOfRange) {
  EXPECT_PARSE_ERROR(after_socket("+0 < . 4294967296:4294967296(0) ack 1 win 1"), 2, 8,
                     "TCP start sequence number out of range");
}

TEST(SemanticError, WindowOutOfRange) {
  EXPECT_PARSE_ERROR(after_socket("+0 < . 1:1(0) ack 1 win 65536"), 2, 25, "TCP window value out of range");
}

TEST(SemanticError, RawPacketsAreInboundOnly) {
  EXPECT_PARSE_ERROR(after_socket("+0 > raw 0x4500"), 2, 6, "raw packets can only be inbound");
}

TEST(SemanticError, PayloadLengthMustMatch) {
  EXPECT_PARSE_ERROR(after_socket("+0 < P. 1:4(3) ack 1 win 1 payload \"ab\""), 2, 28,
                     "payload has 2 bytes but the packet length is 3");
}

TEST(SemanticError, TooManyMplsLabels) {
  EXPECT_PARSE_ERROR(after_socket("+0 < mpls (label 1, tc 0, ttl 1) (label 2, tc 0, ttl 1) (label 3, tc 0, ttl 1) "
                            "(label 4, tc 0, ttl 1) (label 5, tc 0, ttl 1) (label 6, tc 0, ttl 1) "
                            "(label 7, tc 0, [S], ttl 1): . 1:1(0) ack 1 win 1"),
                     2, 149, "too many MPLS labels");
}

TEST(SemanticError, MplsBottomMustBeS) {
  EXPECT_PARSE_ERROR(after_socket("+0 < mpls (label 1, tc 0, [X], ttl 1): . 1:1(0) ack 1 win 1"), 2, 28,
                     "expected [S] for MPLS label stack bottom");
}

TEST(SemanticError, GreVersionBits) {
  EXPECT_PARSE_ERROR(after_socket("+0 < gre flags 0x0001 sum 0 off 0 key 0 seq 0: . 1:1(0) ack 1 win 1"), 2, 10,
                     "GRE flags may only set checksum, key and sequence# (version must be 0)");
}

TEST(SemanticError, AccEcnFieldOutOfRange) {
  EXPECT_PARSE_ERROR(after_socket("+0 < . 1:1(0) ack 1 win 1 <ECN e0b 16777216,nop>"), 2, 36,
                     "TCP AccECN field value out of range");
}

TEST(SemanticError, GenericOptionKindNeedsNumber) {
  EXPECT_PARSE_ERROR(after_socket("+0 < . 1:1(0) ack 1 win 1 <kind>"), 2, 28, "TCP option 'kind' needs a kind number");
}

TEST(SemanticError, KernelGuardNeedsKernelWord) {
  EXPECT_PARSE_ERROR(after_socket("@if kernal >= 6.5 { }"), 2, 5, "expected 'kernel', got 'kernal'");
}

TEST(SemanticError, CountedFieldNeedsIntegerCount) {
  EXPECT_PARSE_ERROR(after_socket("+0 recvmsg(3, {msg_iov(a)=[]}, 0) = 0"), 2, 16,
                     "field count of 'msg_iov' must be one integer or ...");
}

}  // namespace
}  // namespace tcpdrill::test
