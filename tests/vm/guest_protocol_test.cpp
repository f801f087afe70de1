#include "vm/guest_protocol.h"

#include <gtest/gtest.h>

namespace tcpdrill::vm {
namespace {

TEST(GuestProtocol, RequestRoundTrips) {
  CommandRequest request;
  request.id = 7;
  request.argv = {"/usr/libexec/tcpdrill/tcpdrill", "--ip_version=ipv6", "a b.pkt"};
  request.cwd = "/work/scripts";
  request.timeout = std::chrono::milliseconds(1500);
  request.output_files = {"/tmp/x.pcap"};
  const auto decoded = std::get<CommandRequest>(decode_message(encode_message(request)));
  EXPECT_EQ(decoded.id, 7u);
  EXPECT_EQ(decoded.argv, request.argv);
  EXPECT_EQ(decoded.cwd, request.cwd);
  EXPECT_EQ(decoded.timeout, request.timeout);
  EXPECT_EQ(decoded.output_files, request.output_files);
}

TEST(GuestProtocol, ReplyCarriesArbitraryBytes) {
  CommandReply reply;
  reply.id = 3;
  reply.outcome.ending = runner::ChildEnding::Signaled;
  reply.outcome.signal = 9;
  reply.outcome.standard_output = std::string("\xff\xfe\0binary", 9);
  reply.outcome.standard_error = "a.pkt:3:1: error: timing error\n";
  reply.outcome.duration = std::chrono::nanoseconds(123456789);
  reply.files["/tmp/a.pcap"] = std::string("\xd4\xc3\xb2\xa1\0\0", 6);
  const auto decoded = std::get<CommandReply>(decode_message(encode_message(reply)));
  EXPECT_EQ(decoded.outcome.ending, runner::ChildEnding::Signaled);
  EXPECT_EQ(decoded.outcome.signal, 9);
  EXPECT_EQ(decoded.outcome.standard_output, reply.outcome.standard_output);
  EXPECT_EQ(decoded.outcome.standard_error, reply.outcome.standard_error);
  EXPECT_EQ(decoded.outcome.duration, reply.outcome.duration);
  EXPECT_EQ(decoded.files, reply.files);
}

TEST(GuestProtocol, ReadyRoundTrips) {
  const auto decoded = std::get<GuestReady>(decode_message(encode_message(GuestReady{"6.12.1", "no TUN"})));
  EXPECT_EQ(decoded.kernel_release, "6.12.1");
  EXPECT_EQ(decoded.unusable_reason, "no TUN");
}

TEST(GuestProtocol, RejectsWhatIsNotAMessage) {
  EXPECT_THROW(decode_message("not cbor at all"), std::runtime_error);
  EXPECT_THROW(decode_message(std::string("\xa0", 1)), std::runtime_error);  // {} without a type
}

}  // namespace
}  // namespace tcpdrill::vm
