#!/usr/bin/env bash
# Boot to the first script: `tcpdrill --vm --dry_run` on a two-line script, which builds
# the guest image, starts a guest and runs tcpdrill once in it. The first run has no
# saved guest (a kernel boot under TCG, then the save); the others resume the saved one.
# Prints the wall time and the CPU time of tcpdrill and QEMU together (less sensitive to
# a busy host).
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
cache=$(mktemp -d /tmp/tcpdrill-boot-cache-XXXXXX)
trap 'rm -rf "$dir" "$cache"' EXIT
mkdir -p "$cache/tcpdrill"
# An empty snapshot cache that still finds the kernels already fetched.
user_kernels=${XDG_CACHE_HOME:-$HOME/.cache}/tcpdrill/kernels
if [ -d "$user_kernels" ]; then ln -s "$user_kernels" "$cache/tcpdrill/kernels"; fi
printf '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 close(3) = 0\n' > "$dir/trivial.pkt"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  kind=$([ "$i" = 1 ] && echo "boot and save" || echo "resume")
  XDG_CACHE_HOME="$cache" /usr/bin/time -f "run $i ($kind): %e s wall, %U s user + %S s system CPU" \
    build/cli/tcpdrill --vm "${kernel[@]}" --dry_run "$dir/trivial.pkt"
done
