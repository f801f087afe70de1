#include <gtest/gtest.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <thread>

#include "kernel_test_support.h"
#include "netdev/host_network.h"
#include "netdev/netdev_error.h"
#include "netdev/scratch_namespace.h"

namespace tcpdrill::netdev {
namespace {

using nlohmann::json;
using test::ParsedPacket;

constexpr auto kStampingOnDelay = std::chrono::milliseconds(100);

// Connects through the TUN, has the kernel send `bytes` at once, and reports every data
// segment it put on the TUN before the initial congestion window ran out.
json big_send(TunOptions options) {
  const ScratchOutcome outcome = run_in_scratch_namespace([&options](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, test::ipv4_test_config(1500, options));
    // The kernel turns packet stamping on from a work queue, a moment after the TUN
    // device's transmit-time socket asks for it.
    std::this_thread::sleep_for(kStampingOnDelay);
    test::TunConnection connection = test::connect_through_tun(network.tun(), 1460);
    const std::vector<uint8_t> data(20000, 'x');
    if (::send(connection.socket.get(), data.data(), data.size(), 0) <= 0) throw std::runtime_error("send failed");

    json segments = json::array();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
    while (auto packet = network.tun().read_packet(deadline)) {
      const ParsedPacket parsed = test::parse_ipv4(packet->bytes);
      if (parsed.protocol != IPPROTO_TCP || parsed.tcp.payload.empty()) continue;
      segments.push_back({{"size", packet->bytes.size()},
                          {"payload", parsed.tcp.payload.size()},
                          {"gso_size", packet->gso_size},
                          {"checksums_valid", parsed.checksums_valid},
                          {"kernel_stamp_before_read", packet->transmit_ns && *packet->transmit_ns > 0 &&
                                                           *packet->transmit_ns <= packet->timestamp_ns}});
    }
    return segments.dump();
  });
  if (!outcome.ok) throw std::runtime_error(outcome.text);
  return json::parse(outcome.text);
}

TEST(TunTrafficTest, WithoutOffloadsTheKernelSendsMssSizedSegmentsWithChecksums) {
  SKIP_WITHOUT_KERNEL();
  const json segments = big_send({});
  ASSERT_GE(segments.size(), 2u) << segments.dump();
  for (const json& segment : segments) {
    EXPECT_LE(segment["size"], 1500) << segment.dump();
    EXPECT_EQ(segment["payload"], 1460) << segment.dump();
    EXPECT_EQ(segment["gso_size"], 0) << segment.dump();
    EXPECT_TRUE(segment["checksums_valid"]) << segment.dump();
    EXPECT_TRUE(segment["kernel_stamp_before_read"]) << segment.dump();
  }
}

TEST(TunTrafficTest, WithTsoOffloadTheKernelSendsSuperPacketsWhoseChecksumsWeComplete) {
  SKIP_WITHOUT_KERNEL();
  TunOptions options;
  options.tso_offload = true;
  const json segments = big_send(options);
  ASSERT_FALSE(segments.empty());
  EXPECT_GT(segments[0]["size"], 1500) << segments.dump();
  EXPECT_EQ(segments[0]["gso_size"], 1460) << segments.dump();
  for (const json& segment : segments) {
    EXPECT_TRUE(segment["checksums_valid"]) << segment.dump();
    EXPECT_TRUE(segment["kernel_stamp_before_read"]) << segment.dump();
  }
}

TEST(TunTrafficTest, InjectedEchoRequestIsAnsweredThroughTheTun) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, test::ipv4_test_config());
    const std::vector<uint8_t> data = {'p', 'i', 'n', 'g'};
    network.tun().write_packet(
        test::build_icmp_echo_request(test::ipv4("192.0.2.1"), test::ipv4("192.168.0.1"), 77, 1, data));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (auto packet = network.tun().read_packet(deadline)) {
      const ParsedPacket reply = test::parse_ipv4(packet->bytes);
      if (reply.protocol != IPPROTO_ICMP) continue;
      return json{{"type", reply.icmp_type},
                  {"to", reply.destination == test::ipv4("192.0.2.1")},
                  {"checksums_valid", reply.checksums_valid},
                  {"timestamped", packet->timestamp_ns > 0}}
          .dump();
    }
    return std::string("null");
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  const json reply = json::parse(outcome.text);
  ASSERT_FALSE(reply.is_null()) << "no echo reply";
  EXPECT_EQ(reply["type"], 0);
  EXPECT_TRUE(reply["to"]);
  EXPECT_TRUE(reply["checksums_valid"]);
  EXPECT_TRUE(reply["timestamped"]);
}

TEST(TunTrafficTest, Ipv6EchoRequestIsAnsweredAtOnce) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace& scratch) {
    const HostNetworkConfig config = test::ipv6_test_config();
    HostNetwork network(scratch, config);
    network.tun().write_packet(
        test::build_icmpv6_echo_request(test::ipv6("fd3d:fa7b:d17e::1"), test::ipv6("fd3d:fa7b:d17d::1"), 7, 1));
    // Long enough for the reply, and for any stray packet to show up after it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
    std::string seen;
    while (auto packet = network.tun().read_packet(deadline)) {
      seen += std::to_string(test::valid_icmpv6_type(packet->bytes)) + " ";
    }
    return seen;
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text, "129 ") << "expected exactly one valid echo reply (type 129)";
}

TunOptions with_gso_writes() {
  TunOptions options;
  options.gso_writes = true;
  return options;
}

// One data segment of `size` bytes from the connection's peer.
std::vector<uint8_t> data_packet(const test::TunConnection& connection, size_t size) {
  test::TcpSegment data = connection.template_segment;
  data.flags = test::kAck | test::kPsh;
  data.payload.assign(size, 'g');
  return test::build_tcp_packet(data);
}

TEST(TunTrafficTest, GsoInjectionDeliversTheWholeSuperPacket) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, test::ipv4_test_config(1500, with_gso_writes()));
    test::TunConnection connection = test::connect_through_tun(network.tun(), 1000);
    network.tun().write_gso_packet(data_packet(connection, 3000), 1000);

    pollfd readable = {connection.socket.get(), POLLIN, 0};
    if (::poll(&readable, 1, 2000) != 1) return std::string("nothing to read");
    std::vector<uint8_t> received(10000);
    const ssize_t n = ::recv(connection.socket.get(), received.data(), received.size(), 0);
    const ParsedPacket ack = test::next_tcp_packet(network.tun());
    return std::to_string(n) + " bytes, acked " + std::to_string(ack.tcp.acknowledgment - 1001);
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text, "3000 bytes, acked 3000");
}

// The receive memory one injected 4000-byte data segment takes, written as a GSO
// super-packet or as one plain packet. Receive windows follow that memory.
size_t receive_memory_of_one_segment(bool as_gso) {
  const ScratchOutcome outcome = run_in_scratch_namespace([as_gso](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, test::ipv4_test_config(1500, with_gso_writes()));
    test::TunConnection connection = test::connect_through_tun(network.tun(), 1000);
    const std::vector<uint8_t> packet = data_packet(connection, 4000);
    if (as_gso)
      network.tun().write_gso_packet(packet, 1000);
    else
      network.tun().write_packet(packet);

    pollfd readable = {connection.socket.get(), POLLIN, 0};
    if (::poll(&readable, 1, 2000) != 1) return std::string("nothing to read");
    uint32_t meminfo[SK_MEMINFO_VARS] = {};
    socklen_t length = sizeof meminfo;
    if (::getsockopt(connection.socket.get(), SOL_SOCKET, SO_MEMINFO, meminfo, &length) != 0) {
      return std::string("SO_MEMINFO failed");
    }
    return std::to_string(meminfo[SK_MEMINFO_RMEM_ALLOC]);
  });
  if (!outcome.ok) throw std::runtime_error(outcome.text);
  return std::stoul(outcome.text);
}

// packetdrill writes super-packets without hdr_len, so tun builds one linear skb just as
// for a plain write; with hdr_len the payload would go to page fragments, the skb would
// be charged less, and the receive window after it would differ from packetdrill's.
TEST(TunTrafficTest, GsoInjectionIsChargedToTheReceiveBufferAsAPlainPacketIs) {
  SKIP_WITHOUT_KERNEL();
  const size_t gso = receive_memory_of_one_segment(true);
  const size_t plain = receive_memory_of_one_segment(false);
  EXPECT_GT(plain, 4000u);
  EXPECT_EQ(gso, plain);
}

TEST(TunTrafficTest, KernelRefusalOfAnInjectedPacketIsAnError) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace& scratch) {
    HostNetwork network(scratch, test::ipv4_test_config());
    try {
      network.tun().write_packet(std::vector<uint8_t>(20, 0));  // IP version 0
    } catch (const NetdevError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text, "cannot inject a 20-byte packet into tun0: Invalid argument");
}

TEST(TunTrafficTest, ReadPacketReturnsNothingAtTheDeadline) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace&) {
    TunDevice tun;
    const auto start = std::chrono::steady_clock::now();
    const bool got = tun.read_packet(start + std::chrono::milliseconds(50)).has_value();
    const auto waited = std::chrono::steady_clock::now() - start;
    return std::string(got ? "packet" : "none") +
           (waited >= std::chrono::milliseconds(50) ? " after the deadline" : " too early");
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text, "none after the deadline");
}

}  // namespace
}  // namespace tcpdrill::netdev
