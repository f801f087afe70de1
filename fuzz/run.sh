#!/usr/bin/env bash
# Builds the parser fuzzer with clang in its own build directory and runs it for a
# bounded time, starting from the parser's script corpus.
#   fuzz/run.sh SECONDS
# Findings land in $build/fuzz-artifacts/; the script exits non-zero when there are any.
set -euo pipefail

seconds=${1:?usage: fuzz/run.sh SECONDS}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TCPDRILL_FUZZ_BUILD_DIR:-$root/build-fuzz}

cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
  -DTCPDRILL_BUILD_FUZZERS=ON -DTCPDRILL_BUILD_TESTS=OFF -DTCPDRILL_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" --target parser_fuzzer

# The working corpus grows across runs; the repository's scripts seed it.
corpus=$build/fuzz-corpus/parser
artifacts=$build/fuzz-artifacts/
mkdir -p "$corpus" "$artifacts"
cp "$root"/tests/parser/scripts/good/*.pkt "$root"/tests/parser/scripts/bad/*.pkt "$corpus"/

"$build/fuzz/parser_fuzzer" "$corpus" \
  -max_total_time="$seconds" -timeout=5 -max_len=16384 \
  -dict="$root/fuzz/pkt.dict" -artifact_prefix="$artifacts" -print_final_stats=1
