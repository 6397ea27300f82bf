#!/usr/bin/env bash
# testsuite/system/virtio-initramfs.sh — the busybox initramfs of
# fetch-linux.sh plus Debian's virtio modules, for the Linux virtio tests.
#
# Usage: virtio-initramfs.sh LINUX_DIR OUT.cpio.gz
#
# Debian's 6.12 kernel builds virtio-mmio, virtio-blk, virtio-net and
# virtio-rng as modules (CONFIG_VIRTIO_MMIO=m ...), and the initramfs has
# none, so this appends a second cpio archive (the kernel unpacks
# concatenated archives in turn) holding /lib/modules/*.ko, decompressed
# from the kernel package that fetch-linux.sh unpacked (busybox insmod
# cannot read .ko.xz), /etc/load-virtio.sh which loads them, and
# /etc/udhcpc.sh, the script busybox udhcpc runs to configure the address
# it leased.  Exit 1 with one line if the modules
# are not there.
set -euo pipefail
D=$1 OUT=$2
K=$(ls -d "$D"/unpack/usr/lib/modules/*/kernel 2>/dev/null | head -1 || true)
[ -n "$K" ] || { echo "virtio-initramfs: no kernel modules under $D/unpack (run testsuite/fetch-linux.sh again)" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W" "$W.cpio" "$W.cpio.gz"' EXIT
mkdir -p "$W/lib/modules" "$W/etc"
for m in net/core/failover drivers/net/net_failover drivers/net/virtio_net drivers/block/virtio_blk \
         drivers/char/hw_random/virtio-rng drivers/virtio/virtio_mmio; do
  [ -f "$K/$m.ko.xz" ] || { echo "virtio-initramfs: $K/$m.ko.xz is missing" >&2; exit 1; }
  xz -dc "$K/$m.ko.xz" >"$W/lib/modules/$(basename "$m").ko"
done
cat >"$W/etc/udhcpc.sh" <<'SH'
#!/bin/sh
# busybox udhcpc calls this with $1 = bound/renew and the lease in the environment
case "$1" in
  bound|renew)
    ifconfig "$interface" "$ip" netmask "$subnet" up
    [ -n "$router" ] && route add default gw "$router" dev "$interface"
    echo "udhcpc.sh: $interface is $ip" ;;
esac
exit 0
SH
chmod +x "$W/etc/udhcpc.sh"
# (a script, so the command typed on the console stays shorter than a line)
cat >"$W/etc/load-virtio.sh" <<'SH'
#!/bin/sh
for m in failover net_failover virtio_net virtio_blk virtio-rng virtio_mmio; do
  insmod /lib/modules/$m.ko || echo "load-virtio.sh: insmod $m failed"
done
SH
chmod +x "$W/etc/load-virtio.sh"
# (--first-inode: this archive is appended to the first one; see mkcpio.py)
python3 "$(dirname "$0")/mkcpio.py" --first-inode 100000 "$W" "$W.cpio"
gzip -9 -c "$W.cpio" >"$W.cpio.gz"
cat "$D/initramfs.cpio.gz" "$W.cpio.gz" >"$OUT"
