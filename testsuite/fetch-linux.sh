#!/usr/bin/env bash
# testsuite/fetch-linux.sh — fetch Debian's riscv64 Linux kernel, OpenSBI and
# busybox, and build an initramfs, for the system-mode Linux boot.
#
# Usage: fetch-linux.sh [CACHE_DIR]      (default build/linux; git-ignored)
#
# Downloads from Debian trixie with a private apt configuration kept under
# CACHE_DIR (never /etc/apt): linux-image-6.12.*-riscv64 (its boot/vmlinux-*
# is the flat Image the boot loader wants), opensbi (fw_dynamic.bin) and
# busybox-static.  Builds CACHE_DIR/initramfs.cpio.gz whose /init mounts
# proc, sys and devtmpfs, prints a marker and runs a shell on the console.
# Leaves CACHE_DIR/Image, CACHE_DIR/fw_dynamic.bin, CACHE_DIR/initramfs.cpio.gz.
# Without network: one line on stderr, exit 1 (the tests then SKIP).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
D=${1:-$TOP/build/linux}
say() { printf 'fetch-linux: %s\n' "$*" >&2; }
[ -f "$D/Image" ] && [ -f "$D/fw_dynamic.bin" ] && [ -f "$D/initramfs.cpio.gz" ] && exit 0

mirror=${RVDBT_DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
             /etc/apt/sources.list.d/debian.sources)
fi
mirror=${mirror:-http://deb.debian.org/debian}

mkdir -p "$D/lists/partial" "$D/cache/archives/partial" "$D/debs" "$D/unpack"
echo "deb [arch=riscv64] $mirror trixie main" >"$D/sources.list"
APT_OPTS=(-o "Dir::State::Lists=$D/lists" -o "Dir::Cache=$D/cache"
          -o "Dir::Etc::SourceList=$D/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::status=/dev/null" -o "APT::Architecture=riscv64" -o "APT::Architectures=riscv64"
          -o "APT::Sandbox::User=root" -o "Acquire::Retries=3" -o "Acquire::http::Timeout=20")
# shellcheck source=testsuite/debian-index.sh
. "$TOP/testsuite/debian-index.sh"
if ! debian_update; then
  # a complete index from an earlier run is still good enough to name and
  # download the packages
  debian_have_index || exit 1
  say "using the package list already in $D/lists"
fi
# (apt-cache, not grep: apt may keep the index compressed)
kernel=$(apt-cache "${APT_OPTS[@]}" pkgnames linux-image-6.12. | grep -E '^linux-image-6\.12\..*-riscv64$' | sort -V | tail -1 || true)
[ -n "$kernel" ] || { say "no linux-image-6.12.*-riscv64 package in the index"; exit 1; }
debian_dry_run "$kernel" opensbi busybox-static
say "downloading $kernel opensbi busybox-static"
(cd "$D/debs" && timeout 900 apt-get -qq "${APT_OPTS[@]}" download "$kernel" opensbi busybox-static) >"$D/download.log" 2>&1 ||
  { say "download failed: $(tail -1 "$D/download.log")"; exit 1; }
for deb in "$D"/debs/*.deb; do dpkg-deb -x "$deb" "$D/unpack"; done
cp "$(ls "$D"/unpack/boot/vmlinux-* | head -1)" "$D/Image"
cp "$D/unpack/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin" "$D/fw_dynamic.bin"

# The initramfs: busybox, /init, and the device nodes the console needs.
R=$D/rootfs
rm -rf "$R"
mkdir -p "$R"/{bin,sbin,proc,sys,dev,tmp}
cp "$D/unpack/usr/bin/busybox" "$R/bin/busybox"
cat >"$R/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo "rvdbt-init: up"
exec setsid cttyhack sh
INIT
chmod +x "$R/init"
python3 "$TOP/testsuite/system/mkcpio.py" --console "$R" "$D/initramfs.cpio"
gzip -f -9 "$D/initramfs.cpio"
say "ready: $D/Image $D/fw_dynamic.bin $D/initramfs.cpio.gz"
