#!/usr/bin/env bash
# How deterministic a VM run is: runs the same scripts N times in virtual-clock guests
# (optionally with every host core kept busy), then compares verdicts and every test's
# packet timeline across the runs (bench/vm/compare_timelines.py).
#   bench/vm/determinism.sh [-n RUNS] [-j JOBS] [--load] [--kernel K] [-- RUN-ARGS] PATH...
# TCPDRILL=path/to/tcpdrill measures another build than build/cli/tcpdrill.
# Figures go in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=5 jobs=$(nproc) load=0 kernel=()
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2;;
    -j) jobs=$2; shift 2;;
    --load) load=1; shift;;
    --kernel) kernel=(--kernel "$2"); shift 2;;
    *) break;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [-n RUNS] [-j JOBS] [--load] [--kernel K] PATH..." >&2; exit 2; }
out=$(mktemp -d /tmp/tcpdrill-determinism-XXXXXX)
spinners=()
cleanup() { for pid in "${spinners[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
if [ "$load" = 1 ]; then
  for _ in $(seq "$(nproc)"); do (while :; do :; done) & spinners+=($!); done
fi
dirs=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "${TCPDRILL:-build/cli/tcpdrill}" run --vm "${kernel[@]}" -j"$jobs" --json "$out/run$i.json" --capture "$out/capture$i" --capture-all "$@" \
    > "$out/run$i.log" 2>&1 || true
  echo "run $i: $(tail -n 2 "$out/run$i.log" | head -n 1), $(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)") s wall"
  dirs+=("$out/capture$i")
done
python3 - "$out"/run*.json <<'PY'
import json, sys
reports = [json.load(open(p)) for p in sys.argv[1:]]
verdicts = [{(t["name"], t["variant"]): t["verdict"] for t in r["tests"]} for r in reports]
same = all(v == verdicts[0] for v in verdicts)
print(f"verdicts identical across {len(reports)} runs: {same} ({len(verdicts[0])} tests)")
PY
python3 bench/vm/compare_timelines.py --tolerance-us 10 "${dirs[@]}" | tail -n 1 || true
echo "reports and captures: $out"
