#!/bin/sh
# .ci/install-deps.sh adds cubic to the host's allowed congestion controls and keeps the
# ones allowed before (it once replaced them, dropping bbr). Run on a copy of the list.
set -eu
script=$1
file=$(mktemp)
trap 'rm -f "$file"' EXIT
status=0
expect() {
  printf '%s\n' "$1" > "$file"
  shift
  want=$1
  shift
  ALLOWED_FILE=$file "$script" "$@"
  got=$(cat "$file")
  [ "$got" = "$want" ] || { echo "allowed '$got', want '$want'"; status=1; }
}
expect "reno bbr" "reno bbr cubic" cubic
expect "reno cubic" "reno cubic" cubic
expect "cubic reno" "cubic reno" cubic
expect "reno" "reno cubic bbr" cubic bbr
exit $status
