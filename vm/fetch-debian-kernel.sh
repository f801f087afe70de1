#!/bin/sh
# Fetches a Debian cloud kernel into tcpdrill's kernel cache without touching the host's
# apt configuration: a private sources list and state directory under the cache.
#   fetch-debian-kernel.sh CACHE_DIR NAME [OTHER_CACHE_DIR...]
# NAME: a kernel line (6.1, 6.12, 7.2), a longer version prefix (6.12.117), or an exact
# package version (6.12.117-1). A kernel already in CACHE_DIR or one of the other cache
# directories (read-only, such as the system-wide one) is used without the network.
# Prints the kernel's directory on success:
#   CACHE_DIR/kernels/debian-VERSION/{vmlinuz,release,package,config,lib/modules/RELEASE}
# tcpdrill runs this same file (compiled into it) for --kernel debian:NAME, and
# .ci/install-deps.sh runs it to put the default kernel in the system-wide cache.
set -eu
cache=${1:?usage: fetch-debian-kernel.sh CACHE_DIR NAME}
name=${2:?usage: fetch-debian-kernel.sh CACHE_DIR NAME}
shift 2
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
kernels=$cache/kernels
apt_dir=$cache/apt
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

fail() { echo "$*" >&2; exit 1; }

case $name in
  *[!0-9A-Za-z.+~-]*|'') fail "'$name' is not a Debian kernel version (e.g. 6.1, 6.12, 7.2 or 6.12.117-1)";;
esac

# A kernel matches NAME when its version starts with NAME followed by a separator.
matches() {
  case $1 in "$name"|"$name".*|"$name"-*|"$name"+*) return 0;; esac
  return 1
}

# Already cached: no network needed. The newest cached match wins.
found=$(for searched in "$cache" "$@"; do
          for dir in "$searched"/kernels/debian-*/; do
            [ -f "$dir/release" ] || continue
            version=$(cat "$dir/version")
            matches "$version" || matches "$(cat "$dir/abi")" && echo "$version ${dir%/}"
          done
        done | sort -V -k1,1 | tail -n 1 | cut -d' ' -f2-)
if [ -n "$found" ]; then echo "$found"; exit 0; fi

command -v apt-get >/dev/null || fail "apt-get is not installed: Debian kernels are fetched with apt"
command -v dpkg-deb >/dev/null || fail "dpkg-deb is not installed"
[ -r "$keyring" ] || fail "$keyring is missing (package debian-archive-keyring)"

# The mirror the host already uses for Debian, unless TCPDRILL_DEBIAN_MIRROR says otherwise.
mirror=${TCPDRILL_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
           awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /debian\/?$/ && $i !~ /security/) { print $i; exit } }')
fi
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
           awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /debian\/?$/ && $i !~ /security/) { print $i; exit } }')
fi
[ -n "$mirror" ] || fail "no Debian mirror in the host's apt sources; set TCPDRILL_DEBIAN_MIRROR"

mkdir -p "$kernels" "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/etc"
{
  for suite in bookworm bookworm-backports trixie sid; do
    echo "deb [signed-by=$keyring] $mirror $suite main"
  done
} > "$apt_dir/etc/sources.list"
set -- -q -o Dir::Etc::sourcelist="$apt_dir/etc/sources.list" -o Dir::Etc::sourceparts=- \
  -o Dir::State="$apt_dir" -o Dir::State::Lists="$apt_dir/lists" -o Dir::State::status=/dev/null \
  -o Dir::Cache="$apt_dir" -o Dir::Cache::archives="$apt_dir/archives" \
  -o APT::Architecture=amd64 -o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1

# apt-get update exits 0 when every download failed; what it fetched tells.
apt-get "$@" update >"$apt_dir/update.log" 2>&1 || true
if ! ls "$apt_dir/lists/" | grep -q '_Packages'; then
  fail "apt-get update failed ($(grep -E '^(E|Err|W):' "$apt_dir/update.log" | head -n 1 | cut -c1-200); log: $apt_dir/update.log)"
fi

# Candidates: "PACKAGE VERSION ABI" for every cloud kernel image.
candidates=$(apt-cache "$@" search --names-only '^linux-(image-[0-9].*-cloud-amd64-unsigned|binary-unsigned-[0-9].*-cloud-amd64)$' |
  cut -d' ' -f1 | while read -r package; do
    abi=${package#linux-image-}; abi=${abi#linux-binary-unsigned-}; abi=${abi%-cloud-amd64*}
    apt-cache "$@" show "$package" | awk -v p="$package" -v a="$abi" '/^Version:/ { print p, $2, a }'
  done)
choice=$(echo "$candidates" | while read -r package version abi; do
           [ -n "$package" ] || continue
           if matches "$version" || matches "$abi"; then echo "$version $package $abi"; fi
         done | sort -V -k1,1 | tail -n 1)
[ -n "$choice" ] || fail "no Debian cloud kernel matches '$name' (lines on offer: $(echo "$candidates" | awk '{ split($2, v, "."); print v[1] "." v[2] }' | sort -uV | tr '\n' ' '))"
version=${choice%% *}; rest=${choice#* }; package=${rest%% *}; abi=${rest#* }

work=$(mktemp -d "$kernels/.fetch-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
packages=$package
case $package in linux-binary-unsigned-*) packages="$packages linux-modules-$abi-cloud-amd64";; esac
(cd "$work" && apt-get "$@" download $packages) >"$work/download.log" 2>&1 ||
  fail "apt-get download $packages failed: $(grep -E '^(E|Err):' "$work/download.log" | head -n 1)"
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done

image=$(find "$work/root" \( -name 'vmlinuz-*' -o -name 'vmlinuz.unsigned' -o -name 'vmlinuz' \) -type f | head -n 1)
[ -n "$image" ] || fail "$package holds no kernel image"
modules=$(find "$work/root" -mindepth 3 -maxdepth 4 -type d -path '*/lib/modules/*' | head -n 1)
[ -n "$modules" ] || fail "$package holds no modules directory"
release=$(basename "$modules")
mkdir -p "$work/kernel/lib/modules"
mv "$image" "$work/kernel/vmlinuz"
mv "$modules" "$work/kernel/lib/modules/$release"
rm -f "$work/kernel/lib/modules/$release/vmlinuz"* "$work/kernel/lib/modules/$release/build" \
  "$work/kernel/lib/modules/$release/source"
config=$(find "$work/root" -name "config-$release" | head -n 1)
[ -z "$config" ] || mv "$config" "$work/kernel/config"
depmod -b "$work/kernel" "$release" || fail "depmod failed for $release"
echo "$release" > "$work/kernel/release"
echo "$package" > "$work/kernel/package"
echo "$version" > "$work/kernel/version"
echo "$abi" > "$work/kernel/abi"
chmod -R a+rX "$work/kernel"
target="$kernels/debian-$version"
# Atomic: a reader sees the whole kernel or none. A concurrent fetch of the same one wins.
mv -T "$work/kernel" "$target" 2>/dev/null || [ -f "$target/release" ] ||
  fail "cannot move the kernel into $target"
echo "$target"
