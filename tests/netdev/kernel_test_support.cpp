#include "kernel_test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "netdev/child_process.h"

namespace tcpdrill::netdev::test {

std::optional<std::string> kernel_skip_reason() {
  if (::geteuid() != 0) return "needs root to create network namespaces and TUN devices";
  if (::access("/dev/net/tun", R_OK | W_OK) != 0) return "needs /dev/net/tun";
  return std::nullopt;
}

std::string command_output(const std::string& command) {
  ChildProcess child = ChildProcess::shell(command, ChildOutput::Capture);
  const ExitStatus status = child.wait();
  if (!status.success()) {
    throw std::runtime_error("'" + command + "' failed (" + status.to_string() + "): " + child.standard_error());
  }
  return child.standard_output();
}

nlohmann::json ip_json(const std::string& arguments) { return nlohmann::json::parse(command_output("ip -j " + arguments)); }

ParsedPacket next_tcp_packet(TunDevice& tun, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (auto packet = tun.read_packet(deadline)) {
    if (packet->bytes.empty() || packet->bytes[0] >> 4 != 4) continue;
    ParsedPacket parsed = parse_ipv4(packet->bytes);
    if (parsed.protocol == IPPROTO_TCP) return parsed;
  }
  throw std::runtime_error("no TCP packet came out of the TUN device in time");
}

TunConnection connect_through_tun(TunDevice& tun, uint16_t mss) {
  TunConnection connection;
  connection.socket.reset(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  sockaddr_in remote = {};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(8080);
  remote.sin_addr.s_addr = inet_addr("192.0.2.1");
  if (::connect(connection.socket.get(), reinterpret_cast<sockaddr*>(&remote), sizeof remote) == 0 ||
      errno != EINPROGRESS) {
    throw std::runtime_error("connect() did not start a handshake");
  }
  const ParsedPacket syn = next_tcp_packet(tun);
  if (syn.tcp.flags != kSyn) throw std::runtime_error("expected a SYN first");

  TcpSegment& reply = connection.template_segment;
  reply.source = syn.destination;
  reply.destination = syn.source;
  reply.source_port = syn.tcp.destination_port;
  reply.destination_port = syn.tcp.source_port;
  reply.sequence = 1000;
  reply.acknowledgment = syn.tcp.sequence + 1;
  reply.flags = kSyn | kAck;
  reply.mss_option = mss;
  tun.write_packet(build_tcp_packet(reply));

  const ParsedPacket ack = next_tcp_packet(tun);
  if (ack.tcp.flags != kAck || ack.tcp.acknowledgment != 1001) throw std::runtime_error("expected the handshake's ACK");
  reply.sequence = 1001;
  reply.flags = kAck;
  reply.mss_option = 0;
  return connection;
}

}  // namespace tcpdrill::netdev::test
