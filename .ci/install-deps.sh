#!/usr/bin/env bash
# Installs what tcpdrill needs to build and test on Debian 12, and lets child network
# namespaces select the congestion controls scripts use. Run as root. tshark and chromium
# are only for the tests that read what a run leaves (pcap, HTML page).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build bison flex pkg-config \
  libboost-program-options-dev libgtest-dev libgmock-dev libbenchmark-dev \
  linux-libc-dev libpcap-dev libmnl-dev nlohmann-json3-dev \
  clang libclang-rt-14-dev \
  iproute2 ethtool kmod procps python3 python3-jsonschema libxml2-utils nftables \
  qemu-system-x86 debian-archive-keyring libarchive-dev \
  tshark chromium >/dev/null
# A child namespace may only pick congestion controls allowed in the initial one, and
# Debian's default list lacks cubic (tcpdrill's preflight explains this to users). Add
# cubic to what the host allows, keeping whatever it allowed already (bbr, say).
modprobe tcp_cubic 2>/dev/null || true
"$(dirname "$0")/allow-congestion-control.sh" cubic
# The packages the editor grammar's test runs with (contrib/vscode, versions locked).
# Node.js from Debian unless the machine has one already: Debian's npm conflicts with the
# Node.js distributions that bundle their own (as our machines' does).
if ! command -v npm >/dev/null; then
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
(cd "$(dirname "$0")/../contrib/vscode" && npm ci --no-audit --no-fund --silent)
# The VM backend's default kernel (vm/guest_kernel.h: kDefaultKernel), in the system-wide
# cache every user reads, so `tcpdrill --vm` works out of the box, without root too.
sh "$(dirname "$0")/../vm/fetch-debian-kernel.sh" /var/cache/tcpdrill 6.12 >/dev/null
