#!/usr/bin/env bash
# Boot to the first script: `tcpdrill --vm --dry_run` on a two-line script, which builds
# the guest image, boots the kernel and runs tcpdrill once in the guest. Prints the wall
# time and the CPU time of tcpdrill and QEMU together (less sensitive to a busy host).
#   bench/vm/boot_time.sh [-n RUNS] [--kernel K]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=5 kernel=()
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2;;
    --kernel) kernel=(--kernel "$2"); shift 2;;
    *) echo "usage: $0 [-n RUNS] [--kernel K]" >&2; exit 2;;
  esac
done
dir=$(mktemp -d /tmp/tcpdrill-boot-XXXXXX)
trap 'rm -rf "$dir"' EXIT
printf '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 close(3) = 0\n' > "$dir/trivial.pkt"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  /usr/bin/time -f "run $i: %e s wall, %U s user + %S s system CPU" \
    build/cli/tcpdrill --vm "${kernel[@]}" --dry_run "$dir/trivial.pkt"
done
