#!/bin/sh
# Adds congestion controls to the ones the host lets network namespaces select, keeping
# what it allowed already (bbr, say): a child namespace may only pick an allowed one.
# usage: allow-congestion-control.sh NAME... (ALLOWED_FILE overrides the sysctl's file,
# for the test of this script)
set -eu
file=${ALLOWED_FILE:-/proc/sys/net/ipv4/tcp_allowed_congestion_control}
allowed=$(cat "$file")
for name in "$@"; do
  case " $allowed " in
    *" $name "*) ;;
    *) allowed="$allowed $name" ;;
  esac
done
printf '%s\n' "$allowed" > "$file"
