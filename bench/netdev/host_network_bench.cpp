// What a run pays before its first event: a private network namespace, tun0 with its
// sysctls, MTU, address and route. The target is well under 5 ms for the whole setup.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "netdev/host_network.h"
#include "netdev/network_namespace.h"
#include "test_configs.h"

namespace tcpdrill::netdev {
namespace {

bool skipped_without_root(benchmark::State& state) {
  if (::geteuid() == 0) return false;
  state.SkipWithError("needs root: creates network namespaces and TUN devices");
  return true;
}

// Namespace creation and teardown alone; `lo` is brought up inside enter().
void BM_NetworkNamespace(benchmark::State& state) {
  if (skipped_without_root(state)) return;
  for (auto _ : state) {
    const NetworkNamespace scratch = NetworkNamespace::enter();
    benchmark::DoNotOptimize(scratch.inode());
  }
}
BENCHMARK(BM_NetworkNamespace)->Unit(benchmark::kMicrosecond);

// tun0 setup alone, in a fresh namespace each time (one HostNetwork per namespace).
void BM_HostNetworkOnly(benchmark::State& state, HostNetworkConfig config) {
  if (skipped_without_root(state)) return;
  for (auto _ : state) {
    state.PauseTiming();
    {
      const NetworkNamespace scratch = NetworkNamespace::enter();
      state.ResumeTiming();
      const HostNetwork network(scratch, config);
      benchmark::DoNotOptimize(network.tun().fd());
      state.PauseTiming();
    }
    state.ResumeTiming();
  }
}
BENCHMARK_CAPTURE(BM_HostNetworkOnly, ipv4, test::ipv4_test_config())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_HostNetworkOnly, ipv6, test::ipv6_test_config())->Unit(benchmark::kMicrosecond);

// What a run waits for before its first event: namespace, then the host network in it.
void BM_NamespaceAndHostNetwork(benchmark::State& state, HostNetworkConfig config) {
  if (skipped_without_root(state)) return;
  for (auto _ : state) {
    {
      const NetworkNamespace scratch = NetworkNamespace::enter();
      const HostNetwork network(scratch, config);
      benchmark::DoNotOptimize(network.tun().fd());
      state.PauseTiming();
    }
    state.ResumeTiming();
  }
}
BENCHMARK_CAPTURE(BM_NamespaceAndHostNetwork, ipv4, test::ipv4_test_config())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_NamespaceAndHostNetwork, ipv6, test::ipv6_test_config())->Unit(benchmark::kMicrosecond);

// The same with teardown: closing tun0 and leaving the namespace, whose removal the
// kernel then finishes in its cleanup worker.
void BM_NamespaceAndHostNetworkWithTeardown(benchmark::State& state, HostNetworkConfig config) {
  if (skipped_without_root(state)) return;
  for (auto _ : state) {
    const NetworkNamespace scratch = NetworkNamespace::enter();
    const HostNetwork network(scratch, config);
    benchmark::DoNotOptimize(network.tun().fd());
  }
}
BENCHMARK_CAPTURE(BM_NamespaceAndHostNetworkWithTeardown, ipv4, test::ipv4_test_config())->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tcpdrill::netdev

BENCHMARK_MAIN();
