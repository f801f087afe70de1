// Encode and decode of a typical bulk-data segment: what the runtime does for every
// injected and every sniffed packet.
#include <benchmark/benchmark.h>

#include "codec/packet_codec.h"

namespace tcpdrill::codec {
namespace {

namespace opt = ast::tcp_option;

// P. 1:1449(1448) ack 1 win 502 <nop,nop,TS val 100 ecr 200>
ast::Packet data_segment() {
  ast::TcpSegment segment;
  segment.flags.psh = true;
  segment.flags.ack = true;
  segment.start_sequence = 1;
  segment.payload_length = 1448;
  segment.end_sequence = 1 + 1448;
  segment.ack = 1;
  segment.window = 502;
  segment.options = ast::TcpOptionList{{opt::Nop{}, opt::Nop{}, opt::Timestamp{100, 200}}};
  ast::Packet packet;
  packet.body = segment;
  return packet;
}

Endpoints endpoints(IpFamily family) {
  if (family == IpFamily::V4) {
    return {IpAddress::parse("192.0.2.1"), IpAddress::parse("192.0.2.2"), 8080, 9090};
  }
  return {IpAddress::parse("2001:db8::1"), IpAddress::parse("2001:db8::2"), 8080, 9090};
}

IpFamily family_of(const benchmark::State& state) {
  return state.range(0) == 4 ? IpFamily::V4 : IpFamily::V6;
}

void BM_EncodeDataSegment(benchmark::State& state) {
  const ast::Packet packet = data_segment();
  const Endpoints ends = endpoints(family_of(state));
  size_t bytes = 0;
  for (auto _ : state) {
    Bytes encoded = encode_packet(packet, ends);
    bytes += encoded.size();
    benchmark::DoNotOptimize(encoded.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_EncodeDataSegment)->Arg(4)->Arg(6);

void BM_DecodeDataSegment(benchmark::State& state) {
  const Bytes encoded = encode_packet(data_segment(), endpoints(family_of(state)));
  for (auto _ : state) {
    DecodedPacket decoded = decode_packet(encoded, ast::Direction::Outbound);
    benchmark::DoNotOptimize(&decoded);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * encoded.size()));
}
BENCHMARK(BM_DecodeDataSegment)->Arg(4)->Arg(6);

void BM_FormatDataSegment(benchmark::State& state) {
  const ast::Packet packet = data_segment();
  for (auto _ : state) {
    std::string text = format_packet(packet);
    benchmark::DoNotOptimize(text.data());
  }
}
BENCHMARK(BM_FormatDataSegment);

}  // namespace
}  // namespace tcpdrill::codec
