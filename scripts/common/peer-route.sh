#!/bin/sh
# Adds route attributes (initcwnd 4, mtu 1300, advmss 900 ...) to the route to the
# scripted peer, in whichever IP version the run uses: in the test's namespace that
# is the one route through tun0 with a gateway.  Usage: ../common/peer-route.sh ATTR...
set -e
changed=0
for family in -4 -6; do
    routes=$(ip "$family" route show dev tun0 | grep ' via ' || true)
    [ -n "$routes" ] || continue
    echo "$routes" | while read -r route; do
        # shellcheck disable=SC2086  # the route's words are separate arguments
        ip "$family" route change $route dev tun0 "$@"
    done
    changed=1
done
[ "$changed" = 1 ] || { echo "peer-route.sh: no route to the peer through tun0" >&2; exit 1; }
