#!/usr/bin/env bash
# Draws the pictures docs/observing-runs.md explains: each seed example's state timeline
# (CSV) and time-sequence picture (SVG), under Reno so that they do not depend on the
# host's default congestion control. Usage: docs/pictures/make.sh [OUTDIR] (default: this
# directory). TCPDRILL names the binary (default build/cli/tcpdrill), EXAMPLES the
# directory of the seed examples (default ../shared/examples next to the checkout).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tcpdrill="$(realpath "${TCPDRILL:-$repo/build/cli/tcpdrill}")"
examples="${EXAMPLES:-$repo/../shared/examples}"
out="$(realpath -m "${1:-$here}")"
mkdir -p "$out"
for name in fast-retransmit-sack-vs-fack reordering-and-cwnd; do
  "$tcpdrill" --tolerance_usecs=1000000 \
    --init_scripts="sysctl -q -w net.ipv4.tcp_congestion_control=reno" \
    --trace-state="$out/$name.csv" --plot="$out/$name.svg" "$examples/$name.pkt"
  echo "$out/$name.svg"
done
