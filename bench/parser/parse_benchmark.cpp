// Parser throughput on a generated 100,000-event script shaped like real ones: a
// handshake followed by rounds of writes, outbound data segments and inbound SACKs.
#include <benchmark/benchmark.h>

#include <string>

#include "parser/script_parser.h"

namespace {

constexpr int kEvents = 100'000;

std::string generate_script(int events) {
  std::string text =
      "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
      "+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0\n"
      "+0 bind(3, ..., ...) = 0\n"
      "+0 listen(3, 1) = 0\n"
      "+0 < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>\n"
      "+0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>\n"
      "+.1 < . 1:1(0) ack 1 win 257\n"
      "+0 accept(3, ..., ...) = 4\n";
  int written = 8;
  for (long seq = 1; written < events; seq += 1000) {
    std::string start = std::to_string(seq), end = std::to_string(seq + 1000);
    switch (written % 4) {
      case 0: text += "+0 write(4, ..., 1000) = 1000 // one segment\n"; break;
      case 1: text += "+0 > P. " + start + ":" + end + "(1000) ack 1 <nop,nop,TS val 100 ecr 200>\n"; break;
      case 2: text += "+.01 < . 1:1(0) ack " + start + " win 257 <sack " + start + ":" + end + ",nop,nop>\n"; break;
      case 3: text += "+0 < [ect0] .5 1:1(0) ack " + end + " win 257\n"; break;
    }
    ++written;
  }
  return text;
}

void BM_ParseScript(benchmark::State& state) {
  const std::string text = generate_script(kEvents);
  for (auto _ : state) {
    tcpdrill::ast::Script script = tcpdrill::parse_script("bench.pkt", text, {});
    benchmark::DoNotOptimize(script);
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(kEvents) * state.iterations(), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(text.size()) * state.iterations());
}
BENCHMARK(BM_ParseScript)->Unit(benchmark::kMillisecond);

}  // namespace
