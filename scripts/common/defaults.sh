#!/bin/sh
# tcpdrill suite defaults.
#
# Every script in scripts/ runs this first (as `../common/defaults.sh`,
# relative to the script's own directory).  It pins the TCP knobs that the
# expected packets depend on, so that a script's verdict does not depend on
# the host's (or the distribution's) choices.  It only ever runs inside the
# private network namespace created for one script, so it cannot disturb the
# host.  A script that needs something different sets it after this file.

set -e

# `sysctl -q -w KEY=VALUE` without a process per setting: in the VM backend's guest
# every process costs tens of milliseconds of emulated CPU, and this file runs before
# every script. Like sysctl -w, it fails on a key the kernel lacks.
set_sysctl() {
    path= rest=$1
    while :; do
        case $rest in
            *.*) path=$path${rest%%.*}/ rest=${rest#*.} ;;
            *) path=$path$rest; break ;;
        esac
    done
    printf '%s\n' "$2" > "/proc/sys/$path"
}

# Congestion control: a fresh namespace inherits the host's default, which
# may be a pacing algorithm (bbr) or one that a child namespace is not allowed
# to select (cubic).  reno is always built in and always allowed, and its
# window arithmetic is the textbook one the scripts are written against.
set_sysctl net.ipv4.tcp_congestion_control reno

# Options the kernel offers in its SYN / SYN-ACK.
set_sysctl net.ipv4.tcp_timestamps 1
set_sysctl net.ipv4.tcp_sack 1
set_sysctl net.ipv4.tcp_dsack 1
set_sysctl net.ipv4.tcp_window_scaling 1
set_sysctl net.ipv4.tcp_ecn 0

# Buffer sizes decide the advertised window and the window-scale shift.
set_sysctl net.ipv4.tcp_rmem "4096 131072 6291456"
set_sysctl net.ipv4.tcp_wmem "4096 16384 4194304"

# Loss detection and recovery: RACK + tail loss probes, F-RTO, dupthresh 3.
set_sysctl net.ipv4.tcp_recovery 1
set_sysctl net.ipv4.tcp_early_retrans 3
set_sysctl net.ipv4.tcp_frto 2
set_sysctl net.ipv4.tcp_reordering 3

# Segment building.  With the default tcp_min_tso_segs=2 the kernel builds
# 2-MSS GSO buffers even for a device without TSO, and each buffer is pushed
# with PSH, so after software segmentation every second MSS segment of a bulk
# write carries PSH.  With 1, slow paths (RTT >= ~10 ms, small cwnd) build
# one-MSS buffers and PSH marks only the segment that ends a write.
set_sysctl net.ipv4.tcp_min_tso_segs 1

# Keep cwnd across idle periods so back-to-back exchanges are predictable.
set_sysctl net.ipv4.tcp_slow_start_after_idle 0

# Handshake retry budgets (RTO scripts count on these).
set_sysctl net.ipv4.tcp_syn_retries 6
set_sysctl net.ipv4.tcp_synack_retries 5
set_sysctl net.ipv4.tcp_syncookies 1

# The scripts expect the kernel's real MSS-sized segments on the wire.  Some
# harnesses (stock packetdrill among them) give their tun device TSO/GSO, in
# which case the kernel hands over multi-MSS super-packets; switch that off on
# every non-loopback device of this namespace.  A harness that already runs
# without offloads is not affected.
for dev in $(ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'); do
    [ "$dev" = lo ] && continue
    ethtool -K "$dev" tso off gso off >/dev/null 2>&1 || true
done

# Timer bounds (kernel defaults, pinned).  These knobs are recent (6.x), so
# a kernel without them is not an error.
set_sysctl net.ipv4.tcp_rto_min_us 200000 2>/dev/null || true
set_sysctl net.ipv4.tcp_rto_max_ms 120000 2>/dev/null || true
set_sysctl net.ipv4.tcp_syn_linear_timeouts 4 2>/dev/null || true

# Do not reuse anything learnt by an earlier connection in this namespace.
set_sysctl net.ipv4.tcp_no_metrics_save 1
ip tcp_metrics flush all >/dev/null 2>&1 || true

exit 0
